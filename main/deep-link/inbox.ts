/**
 * Holds links that arrive before the app can act on them — the launching link (argv on Windows and
 * Linux, 'open-url' before 'ready' on macOS) and links from a second instance started while this
 * one still loads its settings — then hands every later one to the handler once it is attached.
 */

/** A link as the OS delivers it: a URL (macOS open-url) or a second instance's argv. */
export type LinkInput = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'argv'; readonly argv: readonly string[] };

export class LinkInbox {
  private readonly early: LinkInput[] = [];
  private handler: ((input: LinkInput) => void) | null = null;

  /** Maximum links kept before attach; a flood of links is not a reason to grow without bound. */
  static readonly MAX_EARLY = 8;

  push(input: LinkInput): void {
    if (this.handler) this.handler(input);
    else if (this.early.length < LinkInbox.MAX_EARLY) this.early.push(input);
  }

  /** Takes what arrived so far (oldest first), before a handler is attached: start-up decides with it. */
  drain(): LinkInput[] {
    return this.early.splice(0);
  }

  /** Attaches the handler and delivers what waited, oldest first. */
  attach(handler: (input: LinkInput) => void): void {
    this.handler = handler;
    for (const input of this.early.splice(0)) handler(input);
  }
}
