import type { ParticipantView } from '../../call/api';
import type { Room } from '../../call/room';
import type { Reaction, ReactionEmoji } from '../../../protocol';
import { t } from '../../i18n/i18n.svelte';
import { ActiveSpeaker } from '../lib/active-speaker';
import { pageSize, pageView, RecentSpeakers, type PageView } from '../lib/pages';
import type { ViewMode } from '../lib/stage';
import { prefs, setPref } from './prefs.svelte';

/** How long a reaction floats over its tile. */
export const REACTION_SHOW_MS = 4000;
/** How often the active speaker is re-evaluated (its hold time runs out between speaking changes). */
const SPEAKER_TICK_MS = 250;

/** A reaction shown on a tile; `seq` tells two equal emoji in a row apart (the float restarts). */
export interface ShownReaction {
  emoji: ReactionEmoji;
  seq: number;
}

/**
 * What this person chose about the tiles, local only: the pinned tile, grid or speaker view,
 * whether to see their own tile (remembered in prefs); and what passes over the tiles: reactions
 * and the active speaker. Reads the call's participants through `participants`.
 */
export class TilesModel {
  #pinned = $state<string | null>(null);
  #view = $state<ViewMode>('grid');
  #speaker = $state<string | null>(null);
  #page = $state(0);
  readonly #recent = new RecentSpeakers();
  /** Who spoke at the last tick (not state: only the tick reads it). */
  #wasSpeaking: readonly string[] = [];
  #recentList = $state.raw<readonly string[]>([]);
  #reactions = $state.raw<Readonly<Record<string, ShownReaction>>>({});
  #announcement = $state({ text: '', seq: 0 });
  #seq = 0;
  readonly #active = new ActiveSpeaker();
  #timers: ReturnType<typeof setTimeout>[] = [];
  readonly #off: () => void;
  readonly #tick: ReturnType<typeof setInterval>;

  constructor(
    private readonly room: Room,
    private readonly participants: () => readonly ParticipantView[],
  ) {
    const onReaction = (r: Reaction) => this.#show(r);
    room.on('reaction', onReaction);
    this.#off = () => room.off('reaction', onReaction);
    this.#tick = setInterval(() => this.#trackSpeaker(), SPEAKER_TICK_MS);
  }

  get pinned() { return this.#pinned; }
  get view() { return this.#view; }
  /** The active speaker (held, see ActiveSpeaker), or null before anyone spoke. */
  get speaker() { return this.#speaker; }
  get hideSelf(): boolean { return prefs.hideSelfView === '1'; }
  /** Reactions floating now, by participant id. */
  get reactions() { return this.#reactions; }
  /** The latest reaction for screen readers ("Ada reacted 👍"); `seq` changes with each. */
  get announcement() { return this.#announcement; }

  /** Pins `id` (unpins it when it is the pinned one). */
  togglePin(id: string): void {
    this.#pinned = this.#pinned === id ? null : id;
  }

  setView(view: ViewMode): void {
    this.#view = view;
  }

  setHideSelf(hide: boolean): void {
    setPref('hideSelfView', hide ? '1' : '');
  }

  get pageSize(): number { return pageSize(prefs.tilesPerPage); }

  /** Tiles per page (one of PAGE_SIZES), remembered. */
  setPageSize(size: number): void {
    setPref('tilesPerPage', String(size));
  }

  /** The current page of `tiles` (ui/lib/pages.ts): us, the pinned tile and the last speakers first. */
  page(tiles: readonly ParticipantView[]): PageView {
    const local = tiles.find((p) => p.isLocal)?.id ?? null;
    return pageView({ ids: tiles.map((p) => p.id), size: this.pageSize, page: this.#page, first: [local, this.#pinned], recent: this.#recentList });
  }

  setPage(page: number): void {
    this.#page = Math.max(0, page);
  }

  /** The tiles shown: everyone but ourselves while the self view is hidden. */
  visible(): readonly ParticipantView[] {
    const all = this.participants();
    return this.hideSelf ? all.filter((p) => !p.isLocal) : all;
  }

  sendReaction(emoji: ReactionEmoji): Promise<void> {
    return this.room.sendReaction(emoji);
  }

  dispose(): void {
    this.#off();
    clearInterval(this.#tick);
    for (const timer of this.#timers.splice(0)) clearTimeout(timer);
  }

  #show({ from, emoji }: Reaction): void {
    const who = this.participants().find((p) => p.id === from);
    if (!who) return;
    const seq = ++this.#seq;
    this.#reactions = { ...this.#reactions, [from]: { emoji, seq } };
    this.#announcement = { text: who.isLocal ? t('tiles.youReacted', { emoji }) : t('tiles.reacted', { name: who.name, emoji }), seq };
    const timer = setTimeout(() => {
      this.#timers = this.#timers.filter((t) => t !== timer);
      if (this.#reactions[from]?.seq !== seq) return;
      const { [from]: _gone, ...rest } = this.#reactions;
      this.#reactions = rest;
    }, REACTION_SHOW_MS);
    this.#timers.push(timer);
  }

  #trackSpeaker(): void {
    const others = this.participants().filter((p) => !p.isLocal);
    const next = this.#active.update(others.map((p) => p.id), (id) => others.some((p) => p.id === id && p.speaking), Date.now());
    if (next !== this.#speaker) this.#speaker = next;
    // Who starts speaking counts, not who goes on: people talking at once would swap places forever.
    const speaking = others.filter((p) => p.speaking).map((p) => p.id);
    for (const id of speaking) if (!this.#wasSpeaking.includes(id)) this.#recent.heard(id);
    this.#wasSpeaking = speaking;
    if (this.#recent.list !== this.#recentList) this.#recentList = this.#recent.list;
  }
}
