/** URL parsing for input from outside (links, settings files): shared by main and the preload. */

/** The URL, or null when it does not parse or carries credentials (`user:pass@`), which we never accept. */
export function parseUrlWithoutCredentials(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.username || url.password ? null : url;
}
