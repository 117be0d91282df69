/**
 * Preload for the app window. It runs sandboxed (no Node), so it is bundled into one file with
 * its imports (see main/vite.config.mts) and may only require 'electron'. It exposes exactly one
 * object, `window.desktop`; ipcRenderer itself never reaches the page.
 */
// First: zod must be jitless before the bridge's schemas are built (see zod-jitless.ts).
import './ipc/zod-jitless';
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeTransport } from './ipc/bridge-transport';
import { createDesktopApi } from './ipc/desktop-api';

const transport = createBridgeTransport(ipcRenderer, (message) => console.warn(`[desktop bridge] ${message}`));
contextBridge.exposeInMainWorld('desktop', createDesktopApi(transport));
