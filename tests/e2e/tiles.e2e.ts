/**
 * What each person does with the tiles: a reaction floats over the sender's tile for everyone,
 * a pin and speaker view show one tile large, and hiding the self view removes our own tile.
 */
import type { Locator } from 'playwright-core';
import { waitFor, waitForMediaFromAll } from '../harness/probes';
import { uniqueRoom } from '../harness/ui';
import type { CallUser } from '../harness/ui';
import { useStack } from './stack';

// Generous: correctness only, on a loaded 2-core machine.
jest.setTimeout(240_000);
const WAIT = { timeoutMs: 60_000 };
/** Clicks may wait long for a busy page (a side panel re-lays every tile out). */
const CLICK = { timeout: 120_000 };

const stack = useStack();
let ada: CallUser;
let ben: CallUser;
let cy: CallUser;

const localTile = (u: CallUser) => u.page.locator('[data-testid="tile"][data-local="true"]');
const layoutOf = (u: CallUser) => u.page.getByTestId('tile-grid').getAttribute('data-layout');
const heightOf = async (tile: Locator) => (await tile.boundingBox())?.height ?? 0;

/**
 * Starts recording every reaction shown on the page as "<tile label> <emoji>" (a reaction shows
 * for a few seconds; polling could miss it on a loaded machine).
 */
async function recordReactions(u: CallUser): Promise<void> {
  await u.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { reactionsSeen: string[] }).reactionsSeen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (!(node instanceof HTMLElement) || node.dataset.testid !== 'tile-reaction') continue;
          seen.push(`${node.closest('[data-testid="tile"]')?.getAttribute('aria-label')} ${node.textContent}`);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}
const reactionsSeen = (u: CallUser) => u.page.evaluate(() => (window as unknown as { reactionsSeen: string[] }).reactionsSeen);

/** The one large tile's label, after checking it is taller than every other tile. */
async function largeTile(u: CallUser): Promise<string | null> {
  const large = u.page.locator('[data-testid="tile"][data-focused="true"]');
  if ((await large.count()) !== 1) return null;
  const others = u.page.locator('[data-testid="tile"][data-focused="false"]');
  const big = await heightOf(large);
  for (const other of await others.all()) if ((await heightOf(other)) >= big) return null;
  return large.getAttribute('aria-label');
}

beforeAll(async () => {
  const room = uniqueRoom('tiles');
  ada = await stack.user('Ada');
  ben = await stack.user('Ben');
  cy = await stack.user('Cy');
  await stack.diagnose('three join', async () => {
    for (const u of [ada, ben, cy]) await u.enter(stack.app.url, room);
    await Promise.all([ada, ben, cy].map((u) => waitForMediaFromAll(u.page, 2, 40_000)));
  });
}, 150_000);

describe('tiles', () => {
  it("a reaction floats over the sender's tile for everyone, the sender included, and is announced", async () => {
    await stack.diagnose('reaction', async () => {
      for (const u of [ada, ben, cy]) await recordReactions(u);
      await ada.button('Reactions').click(CLICK);
      await ada.page.getByRole('menuitem', { name: 'React with 👍' }).click(CLICK);
      await waitFor('👍 on Ada\'s tile at Ben', () => reactionsSeen(ben), (r) => r.includes('Ada 👍'), WAIT);
      await waitFor('👍 on Ada\'s tile at Cy', () => reactionsSeen(cy), (r) => r.includes('Ada 👍'), WAIT);
      await waitFor('👍 on Ada\'s own tile', () => reactionsSeen(ada), (r) => r.includes('Ada (you) 👍'), WAIT);
      await waitFor("Ben's screen reader told", () => ben.page.getByTestId('reaction-status').textContent(), (t) => t?.trim() === 'Ada reacted 👍', WAIT);
      // By keyboard: open the menu, move to the second emoji, send it.
      await ben.button('Reactions').focus();
      await ben.page.keyboard.press('Enter');
      await ben.page.getByRole('menuitem', { name: 'React with 👍' }).waitFor({ state: 'visible', timeout: 60_000 });
      await ben.page.keyboard.press('ArrowRight');
      await ben.page.keyboard.press('Enter');
      await waitFor("👏 on Ben's tile at Cy", () => reactionsSeen(cy), (r) => r.includes('Ben 👏'), WAIT);
      expect(await ben.page.getByRole('menu').count()).toBe(0);
    });
  });

  it('a pin, from the tile or the participant list, makes that tile the large one for us only', async () => {
    await stack.diagnose('pin', async () => {
      await ben.remoteTile('Cy').hover(CLICK);
      await ben.remoteTile('Cy').getByRole('button', { name: 'Pin Cy' }).click(CLICK);
      await waitFor('Cy large at Ben', () => largeTile(ben), (label) => label === 'Cy', WAIT);
      expect(await layoutOf(ben)).toBe('focus');
      expect(await layoutOf(ada)).toBe('grid');
      await ben.remoteTile('Cy').getByRole('button', { name: 'Unpin Cy' }).click(CLICK);
      await waitFor('grid again at Ben', () => layoutOf(ben), (l) => l === 'grid', WAIT);

      await ben.counterButton('Participants').click(CLICK);
      await ben.page.getByTestId('participant-list').getByRole('button', { name: 'Pin Ada' }).click(CLICK);
      await waitFor('Ada large at Ben', () => largeTile(ben), (label) => label === 'Ada', WAIT);
      await ben.page.getByTestId('participant-list').getByRole('button', { name: 'Unpin Ada' }).click(CLICK);
      await waitFor('grid again at Ben', () => layoutOf(ben), (l) => l === 'grid', WAIT);
      await ben.counterButton('Participants').click(CLICK);
    });
  });

  it('speaker view shows one other participant large and the rest in a strip', async () => {
    await stack.diagnose('speaker view', async () => {
      await ada.button('Speaker view').click(CLICK);
      expect(await ada.button('Speaker view').getAttribute('aria-pressed')).toBe('true');
      await waitFor('a remote tile large at Ada', () => largeTile(ada), (label) => label === 'Ben' || label === 'Cy', WAIT);
      expect(await layoutOf(ada)).toBe('focus');
      await ada.button('Speaker view').click(CLICK);
      await waitFor('grid again at Ada', () => layoutOf(ada), (l) => l === 'grid', WAIT);
    });
  });

  it('hiding the self view removes our own tile (remembered), and showing it brings it back', async () => {
    await stack.diagnose('hide self view', async () => {
      expect(await localTile(cy).count()).toBe(1);
      await cy.button('Hide self view').click(CLICK);
      await waitFor("Cy's own tile gone", () => localTile(cy).count(), (c) => c === 0, WAIT);
      expect(await cy.button('Show self view').getAttribute('aria-pressed')).toBe('true');
      expect(await cy.page.evaluate(() => localStorage.getItem('confer.hideSelfView'))).toBe('1');
      // The others still see Cy.
      expect(await ada.remoteTile('Cy').count()).toBe(1);
      await cy.button('Show self view').click(CLICK);
      await waitFor("Cy's own tile back", () => localTile(cy).count(), (c) => c === 1, WAIT);
    });
  });
});
