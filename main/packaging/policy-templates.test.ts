/**
 * The policy templates shipped in build/policy/ (ADMX/ADML for Group Policy, a sample macOS
 * configuration profile) against the settings: each names every setting in SETTING_NAMES and no
 * other key, with the type the app reads (policy/registry.ts, policy/managed-prefs.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { SETTING_NAMES } from '../../protocol/ipc/settings';
import { DEFAULT_SETTINGS, PolicySchema } from '../settings/schema';
import type { SettingKey } from '../settings/schema';

const ROOT = join(__dirname, '..', '..');
const load = createRequire(__filename);
// Both come with electron-builder (it writes plists and reads XML with them).
const { DOMParser } = load('@xmldom/xmldom') as { DOMParser: new (options: object) => { parseFromString(text: string, type: string): Document } };
const plist = load('plist') as { parse(text: string): unknown };
const yaml = load('js-yaml') as { load(text: string): unknown };

const APP_ID = (yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { appId: string }).appId;
const sorted = (names: Iterable<string>) => [...names].sort();

/** An XML file as a DOM; any parse error fails the test. */
function xml(file: string): Document {
  const errors: string[] = [];
  const report = (m: string) => errors.push(m);
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(readFileSync(join(ROOT, file), 'utf8'), 'text/xml');
  expect(errors).toEqual([]);
  return doc;
}

const children = (el: Element, tag: string) => Array.from(el.getElementsByTagName(tag));

/** How a setting is typed in the schema: on/off, one of a list, or text. */
function schemaKind(key: SettingKey): { kind: 'boolean' } | { kind: 'enum'; options: string[] } | { kind: 'text' } {
  if (typeof DEFAULT_SETTINGS[key] === 'boolean') return { kind: 'boolean' };
  const inner = (PolicySchema.shape[key] as z.ZodOptional<z.ZodType>).unwrap();
  return inner instanceof z.ZodEnum ? { kind: 'enum', options: (inner.options as string[]).map(String) } : { kind: 'text' };
}

/** What one ADMX policy writes: the registry value it sets and as what. */
function admxPolicy(policy: Element): { valueName: string; kind: string; values: string[]; elementIds: string[] } {
  const enabled = children(policy, 'enabledValue')[0];
  const disabled = children(policy, 'disabledValue')[0];
  const elements = children(policy, 'elements')[0];
  if (enabled && disabled && !elements) {
    const decimal = (el: Element) => children(el, 'decimal')[0]?.getAttribute('value') ?? '';
    return { valueName: policy.getAttribute('valueName') ?? '', kind: 'boolean', values: [decimal(enabled), decimal(disabled)], elementIds: [] };
  }
  const inner = elements ? Array.from(elements.childNodes).filter((n): n is Element => n.nodeType === 1) : [];
  if (inner.length !== 1) return { valueName: '', kind: `${inner.length} elements`, values: [], elementIds: [] };
  const el = inner[0];
  const values = el.tagName === 'enum' ? children(el, 'string').map((s) => s.textContent ?? '') : [];
  return { valueName: el.getAttribute('valueName') ?? '', kind: el.tagName, values, elementIds: [el.getAttribute('id') ?? ''] };
}

describe('Group Policy template (build/policy/windows)', () => {
  const admx = xml('build/policy/windows/Confer.admx');
  const adml = xml('build/policy/windows/en-US/Confer.adml');
  const policies = children(admx.documentElement, 'policy');
  const written = policies.map((p) => ({ name: p.getAttribute('name') ?? '', ...admxPolicy(p), key: p.getAttribute('key'), cls: p.getAttribute('class') }));

  it('has one policy for every setting and names no other key', () => {
    expect(sorted(written.map((w) => w.valueName))).toEqual(sorted(SETTING_NAMES));
    expect(written.map((w) => w.name)).toEqual(written.map((w) => w.valueName));
  });

  it('writes every value under HKLM\\Software\\Policies\\Confer, where the app reads them', () => {
    for (const w of written) expect({ name: w.name, key: w.key, cls: w.cls }).toEqual({ name: w.name, key: 'Software\\Policies\\Confer', cls: 'Machine' });
  });

  it.each([...SETTING_NAMES])('gives %s the type the app reads (on/off as DWORD 1/0, lists as a dropdown, text as a box)', (key) => {
    const w = written.find((p) => p.valueName === key);
    const expected = schemaKind(key);
    if (expected.kind === 'boolean') expect(w).toMatchObject({ kind: 'boolean', values: ['1', '0'] });
    else if (expected.kind === 'enum') expect(w).toMatchObject({ kind: 'enum', values: expected.options });
    else expect(w).toMatchObject({ kind: 'text', values: [] });
  });

  it('has every string and presentation the ADMX names in the ADML', () => {
    const text = readFileSync(join(ROOT, 'build/policy/windows/Confer.admx'), 'utf8');
    const strings = new Set(children(adml.documentElement, 'string').map((s) => s.getAttribute('id')));
    const used = [...text.matchAll(/\$\(string\.([^)]+)\)/g)].map((m) => m[1]);
    expect(used.filter((id) => !strings.has(id))).toEqual([]);
    expect(used.length).toBeGreaterThan(SETTING_NAMES.length * 2);

    const presentations = new Map(children(adml.documentElement, 'presentation').map((p) => [p.getAttribute('id'), p]));
    for (const policy of policies) {
      const ref = /^\$\(presentation\.(.+)\)$/.exec(policy.getAttribute('presentation') ?? '')?.[1];
      const { elementIds } = admxPolicy(policy);
      const shown = ref ? Array.from(presentations.get(ref)?.childNodes ?? []).filter((n): n is Element => n.nodeType === 1).map((n) => n.getAttribute('refId')) : [];
      expect({ policy: policy.getAttribute('name'), boxes: shown }).toEqual({ policy: policy.getAttribute('name'), boxes: elementIds });
    }
  });
});

describe('macOS configuration profile (build/policy/macos)', () => {
  const file = `build/policy/macos/${APP_ID}.mobileconfig`;

  it('is named after the bundle id and configures that preference domain', () => {
    expect(existsSync(join(ROOT, file))).toBe(true);
    const profile = plist.parse(readFileSync(join(ROOT, file), 'utf8')) as { PayloadType: string; PayloadContent: Array<Record<string, unknown>> };
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadContent.map((p) => p.PayloadType)).toEqual([APP_ID]);
  });

  it('sets every setting, names no other key, and every sample value is a valid policy', () => {
    const profile = plist.parse(readFileSync(join(ROOT, file), 'utf8')) as { PayloadContent: Array<Record<string, unknown>> };
    const settings = Object.fromEntries(Object.entries(profile.PayloadContent[0]).filter(([k]) => !k.startsWith('Payload')));
    expect(sorted(Object.keys(settings))).toEqual(sorted(SETTING_NAMES));
    const parsed = PolicySchema.safeParse(settings);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
