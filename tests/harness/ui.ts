/**
 * Drives the product's UI the way a user does, only through the names of docs/ui-contract.md
 * (roles, labels, test ids).
 */
import type { Locator, Page } from 'playwright-core';
import { MEETING_ID_PATTERN } from '../../protocol/meetings';
import type { TestPage } from './browser';
import { MeetingLabels } from './meetings';
import { remoteTiles, waitFor } from './probes';
import type { TileProbe } from './probes';

/** One participant: a browser context with one page of the product. */
export class CallUser {
  constructor(
    readonly tp: TestPage,
    readonly name: string,
  ) {}

  get page(): Page {
    return this.tp.page;
  }

  /**
   * Starts a meeting as a person does, on the start page ("Start a meeting"); this page then holds
   * its host key, so it joins as host. The waiting room is off unless asked. Returns the meeting id.
   */
  startMeeting(baseUrl: string, opts: { waitingRoom?: boolean; timeoutMs?: number } = {}): Promise<string> {
    return startMeeting(this.page, baseUrl, opts);
  }

  /**
   * Opens the lobby of `room` (a meeting id, or a test's room label: the first user of a label
   * starts its meeting, waiting room off), types the display name and waits until the camera
   * preview plays and the lobby is ready to join.
   */
  async openLobby(baseUrl: string, room: string, timeoutMs = 20_000, query = ''): Promise<void> {
    const id = MEETING_ID_PATTERN.test(room) ? room : await labels.id(room, () => this.startMeeting(baseUrl, { timeoutMs }));
    const path = `/room/${encodeURIComponent(id)}`;
    // `query` (e.g. '?adaptation=off') is part of the page the call runs in: load it with it.
    if (query || new URL(this.page.url(), baseUrl).pathname !== path) await this.page.goto(`${baseUrl}${path}${query}`);
    await this.page.getByLabel('Display name').fill(this.name, { timeout: timeoutMs });
    const preview = this.page.getByTestId('lobby-preview');
    await waitFor(
      `${this.name}: lobby camera preview playing`,
      () => preview.evaluate((v: HTMLVideoElement) => ({ readyState: v.readyState, hasStream: !!v.srcObject, paused: v.paused })),
      (v) => v.readyState >= 2 && v.hasStream,
      { timeoutMs },
    );
    await this.joinButton().waitFor({ state: 'visible', timeout: timeoutMs });
    // The lobby connects to the server ahead of Join once the name is typed, as a person's lobby would by the time they click.
    await this.page.locator('[data-testid="lobby-status"][data-server="ready"]').waitFor({ timeout: timeoutMs });
  }

  joinButton(): Locator {
    return this.page.getByRole('button', { name: 'Join', exact: true });
  }

  /** Clicks Join (the click time is recorded by the page probes). */
  async clickJoin(): Promise<void> {
    await this.joinButton().click();
  }

  /** Waits until the call view is shown (the Leave call button). */
  async waitInCall(timeoutMs = 20_000): Promise<void> {
    await this.button('Leave call').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Lobby, Join, and wait until in the call. */
  async enter(baseUrl: string, room: string, timeoutMs = 20_000, query = ''): Promise<void> {
    await this.openLobby(baseUrl, room, timeoutMs, query);
    await this.clickJoin();
    await this.waitInCall(timeoutMs);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** A toolbar button whose name may end in the count it shows ("Participants, 3", "Chat, 1 unread"). */
  counterButton(label: 'Participants' | 'Chat'): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${label}(, .*)?$`) });
  }

  /** The remote tile of the participant called `name`. */
  remoteTile(name: string): Locator {
    return this.page.locator(`[data-testid="tile"][data-local="false"][aria-label=${JSON.stringify(name)}]`);
  }

  remoteTiles(): Promise<TileProbe[]> {
    return remoteTiles(this.page);
  }

  async close(): Promise<void> {
    await this.tp.close();
  }
}

/** "Start a meeting" on the start page at `baseUrl` (waiting room off unless asked); the page lands in its lobby. Returns the meeting id. */
export async function startMeeting(page: Page, baseUrl: string, opts: { waitingRoom?: boolean; timeoutMs?: number } = {}): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Waiting room: I let people in').setChecked(opts.waitingRoom ?? false);
  await page.getByRole('button', { name: 'Start a meeting' }).click();
  await page.waitForURL(/\/room\/[^/]+$/, { timeout: opts.timeoutMs ?? 20_000 });
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** The meetings of room labels (uniqueRoom), made by whoever opened the label first. */
const labels = new MeetingLabels();

/** The meeting id a room label stands for (after someone opened its lobby). */
export const meetingOf = (label: string): Promise<string> => labels.known(label);

/** Names of a room unique to this process and call, so runs never share a room. */
let roomCounter = 0;
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${roomCounter++}`;
}
