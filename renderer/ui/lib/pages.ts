/**
 * The grid's pages in a large meeting (last-N, as Jitsi and Zoom do): at most `size` camera tiles
 * at a time. The first page holds you, the pinned tile and the people who spoke last; everyone
 * else follows in the roster's order. A tile off the current page stays mounted but hidden: its
 * element keeps playing the person's audio, and on the SFU its size of 0 × 0 pauses its video
 * (renderer/call/sfu/layer-selector.ts), so a page costs the videos it shows and no more.
 *
 * Within a page the roster's order holds, so a speaker who joins the first page does not move the
 * others around; only the least recent speaker there leaves it.
 */

/** Tiles per page unless the user chose otherwise (the room limit's default, so most meetings have one page). */
export const DEFAULT_PAGE_SIZE = 25;
/** The choices offered. */
export const PAGE_SIZES = [4, 9, 16, 25, 49] as const;

/** The page size a stored preference names; anything else is the default. */
export function pageSize(pref: string): number {
  const n = Number(pref);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE;
}

/** Who spoke last, most recent first (each person once). */
export class RecentSpeakers {
  private order: string[] = [];

  constructor(private readonly keep = 100) {}

  /** `id` speaks now. */
  heard(id: string): void {
    if (this.order[0] === id) return;
    this.order = [id, ...this.order.filter((x) => x !== id)].slice(0, this.keep);
  }

  get list(): readonly string[] {
    return this.order;
  }
}

export interface PageInput {
  /** The tiles to lay out, in the roster's order. */
  ids: readonly string[];
  size: number;
  /** 0-based; clamped to the pages there are. */
  page: number;
  /** Always on the first page, in this order of precedence: ourselves, then the pinned tile. */
  first: readonly (string | null)[];
  /** Most recent first (RecentSpeakers.list). */
  recent: readonly string[];
}

export interface PageView {
  /** The tiles on the current page, in the roster's order. */
  ids: string[];
  page: number;
  pages: number;
}

export function pageView({ ids, size, page, first, recent }: PageInput): PageView {
  const per = Math.max(1, Math.floor(size));
  const pages = Math.max(1, Math.ceil(ids.length / per));
  const current = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  if (pages === 1) return { ids: [...ids], page: 0, pages };
  const present = new Set(ids);
  const lead: string[] = [];
  for (const id of [...first, ...recent]) {
    if (lead.length === per) break;
    if (id !== null && present.has(id) && !lead.includes(id)) lead.push(id);
  }
  const onFirst = new Set(lead);
  // The first page: the lead tiles and, while room is left, the roster's first others.
  for (const id of ids) {
    if (onFirst.size === per) break;
    onFirst.add(id);
  }
  const rest = ids.filter((id) => !onFirst.has(id));
  const shown = current === 0 ? ids.filter((id) => onFirst.has(id)) : rest.slice((current - 1) * per, current * per);
  return { ids: shown, page: current, pages };
}
