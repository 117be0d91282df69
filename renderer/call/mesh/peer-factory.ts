/**
 * The ONE module that loads simple-peer. Its prebuilt browser bundle ships the Node
 * polyfills (Buffer, streams) that the bare package would need from the bundler.
 * Unit tests never import this file: they inject a fake PeerFactory.
 */
import SimplePeer from 'simple-peer/simplepeer.min.js';
import type { PeerFactory, PeerLike } from './peer';

/** Creates real simple-peer instances. */
export const createSimplePeer: PeerFactory = (opts) => new SimplePeer(opts) as unknown as PeerLike;
