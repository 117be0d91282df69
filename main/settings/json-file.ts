/** Reading a JSON file, for the user's settings.json and the administrator's policy.json alike. */

/** Reads a file as text; resolves null when it does not exist, rejects on other errors. */
export type ReadText = (path: string) => Promise<string | null>;

export type JsonFile = { readonly kind: 'absent' } | { readonly kind: 'found'; readonly raw: unknown } | { readonly kind: 'invalid'; readonly message: string };

/** The file's parsed JSON, 'absent', or why it can't be read (the message does not repeat the path). */
export async function readJsonFile(read: ReadText, file: string): Promise<JsonFile> {
  let text: string | null;
  try {
    text = await read(file);
  } catch (e) {
    return { kind: 'invalid', message: `can't be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (text === null) return { kind: 'absent' };
  try {
    return { kind: 'found', raw: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', message: 'not valid JSON' };
  }
}
