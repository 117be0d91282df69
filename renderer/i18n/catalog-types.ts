/**
 * Shapes of the message catalogue. A message is a string with `{name}` placeholders, or a plural
 * form chosen by the `count` parameter (Intl.PluralRules, so languages with more forms can add them).
 */
export type PluralMessage = { readonly one: string; readonly other: string; readonly zero?: string; readonly few?: string; readonly many?: string; readonly two?: string };
export type Message = string | PluralMessage;

/** One area's English messages. */
export type Messages = Readonly<Record<string, Message>>;

/** Another language's messages for an area: every English key, nothing else (a gap fails typecheck). */
export type Translation<E extends Messages> = { readonly [K in keyof E]: Message };
