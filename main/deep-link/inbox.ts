/**
 * Holds links that arrive before the app can act on them (macOS sends the launching link before
 * 'ready'), then hands them — and every later one — to the handler once it is attached.
 */
export class LinkInbox {
  private readonly early: string[] = [];
  private handler: ((url: string) => void) | null = null;

  /** Maximum links kept before attach; a flood of links is not a reason to grow without bound. */
  static readonly MAX_EARLY = 8;

  push(url: string): void {
    if (this.handler) this.handler(url);
    else if (this.early.length < LinkInbox.MAX_EARLY) this.early.push(url);
  }

  /** Attaches the handler and delivers what waited, oldest first. */
  attach(handler: (url: string) => void): void {
    this.handler = handler;
    for (const url of this.early.splice(0)) handler(url);
  }
}
