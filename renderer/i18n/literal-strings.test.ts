/**
 * Every word a component shows comes from the message catalogue: this parses each .svelte file under
 * renderer/ and fails, naming file, line and text, on a literal with letters where the user reads it:
 * text, the attributes below, and string literals an expression tag there evaluates to
 * (`{busy ? 'Starting…' : 'Start'}`, `{by ?? 'A host'}`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';

const ROOT = join(__dirname, '..');

/** Attributes of elements whose value the user reads (or hears). */
const ELEMENT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);
/** Props of our components that carry user-visible text. */
const COMPONENT_PROPS = new Set(['label', 'title', 'hint', 'detail', 'noun', 'defaultLabel', 'aria-label']);

/** Literals that are not language; each with the reason. */
const ALLOWED: ReadonlyMap<string, string> = new Map([
  ['Confer', 'the product name, the same in every language'],
  ['+D', 'keyboard shortcut (Ctrl/Cmd+D), key names are not translated'],
  ['+E', 'keyboard shortcut (Ctrl/Cmd+E), key names are not translated'],
]);

const LETTER = /\p{L}/u;

type Node = { type: string; start: number; [key: string]: unknown };

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : svelteFiles(path);
    return e.name.endsWith('.svelte') ? [path] : [];
  });
}

/** String literals an expression shows: the literal itself, either branch of `?:`, either side of `??`/`||`, template text. */
function shownLiterals(expression: Node): { text: string; start: number }[] {
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' ? [{ text: expression.value, start: expression.start }] : [];
    case 'TemplateLiteral':
      return (expression.quasis as Node[]).map((q) => ({ text: (q.value as { cooked: string }).cooked, start: q.start }));
    case 'ConditionalExpression':
      return [...shownLiterals(expression.consequent as Node), ...shownLiterals(expression.alternate as Node)];
    case 'LogicalExpression':
      return [...shownLiterals(expression.left as Node), ...shownLiterals(expression.right as Node)];
    default:
      return [];
  }
}

/** Literal texts in an attribute's value (static text parts, and what its expressions show). */
function valueTexts(value: unknown): { text: string; start: number }[] {
  if (value === true || value === undefined) return [];
  const parts = (Array.isArray(value) ? value : [value]) as Node[];
  return parts.flatMap((part) =>
    part.type === 'Text' ? [{ text: part.data as string, start: part.start }] : part.type === 'ExpressionTag' ? shownLiterals(part.expression as Node) : [],
  );
}

/** Every literal text in a template (not in scripts or styles). */
function literals(node: unknown, inComponent = false): { text: string; start: number }[] {
  if (Array.isArray(node)) return node.flatMap((n) => literals(n, inComponent));
  if (typeof node !== 'object' || node === null) return [];
  const n = node as Node;
  if (n.type === 'Text') return [{ text: n.data as string, start: n.start }];
  if (n.type === 'ExpressionTag') return shownLiterals(n.expression as Node);
  // Directives (style:, bind:, on…) and attachments hold code, not text.
  if (n.type === 'Attribute') {
    const names = inComponent ? COMPONENT_PROPS : ELEMENT_ATTRIBUTES;
    return names.has(n.name as string) ? valueTexts(n.value) : [];
  }
  if (/Directive$|^AttachTag$|^SpreadAttribute$/.test(n.type)) return [];
  // Skip JavaScript (event handlers, directives' expressions): only the markup shows text.
  if (!('type' in n) || /Expression|Statement|Declaration|Identifier|Literal|Pattern/.test(n.type)) return [];
  const component = n.type === 'Component';
  return Object.entries(n).flatMap(([key, child]) =>
    key === 'attributes' ? literals(child, component) : typeof child === 'object' ? literals(child, inComponent) : [],
  );
}

function violations(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const ast = parse(source, { modern: true });
  return literals(ast.fragment)
    .map(({ text, start }) => ({ text: text.trim().replace(/\s+/g, ' '), start }))
    .filter(({ text }) => LETTER.test(text) && !ALLOWED.has(text))
    .map(({ text, start }) => `${relative(ROOT, file)}:${source.slice(0, start).split('\n').length}: ${text}`);
}

describe('components show no literal text', () => {
  const files = svelteFiles(ROOT);

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s takes its texts from the catalogue', (_name, file) => {
    expect(violations(file)).toEqual([]);
  });

  it('flags text, labelled attributes and shown literals, but not the allowed ones', () => {
    const probe = (markup: string) => literals(parse(markup, { modern: true }).fragment).map((l) => l.text.trim()).filter((t) => LETTER.test(t));
    expect(probe('<p>Hello</p><b title="Tip" class="x">{busy ? "Wait" : t("k")}</b>')).toEqual(['Hello', 'Tip', 'Wait']);
    expect(probe('<Button label="Go" hint={`${mod}+D`} onclick={() => f("no")} /><img alt="" />')).toEqual(['Go', '+D']);
    expect(probe('{#if a}<span>{by ?? "A host"}</span>{:else}Else{/if}')).toEqual(['A host', 'Else']);
  });
});
