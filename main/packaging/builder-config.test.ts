/**
 * electron-builder.yml and the installer scripts in build/, read as electron-builder 26 reads
 * them: what each installer writes must match what the app expects at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_USER_MODEL_ID, DESKTOP_NAME, WINDOW_CLASS } from '../app/identity';

const ROOT = join(__dirname, '..', '..');
const load = createRequire(__filename);
const yaml = load('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  generateUpdatesFilesForAllChannels?: boolean;
  msiProjectCreated?: string;
  extraMetadata?: { desktopName?: string };
  win: { signtoolOptions?: { publisherName?: unknown } };
  nsis: { include?: string };
  linux: { executableName?: string; desktop?: { entry?: Record<string, string> } };
  deb?: { depends?: string[] };
  protocols: Array<{ schemes: string[] }>;
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's own default deb dependencies (FpmTarget), used when `deb.depends` is absent. */
function defaultDebDepends(): string[] {
  const FpmTarget = (load('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(t: string): string[] } } }).default;
  return FpmTarget.prototype.getDefaultDepends.call({}, 'deb');
}

describe('electron-builder.yml', () => {
  it('keeps every default deb dependency (a custom depends list replaces them)', () => {
    const defaults = defaultDebDepends();
    expect(defaults).toEqual(expect.arrayContaining(['libgtk-3-0', 'libxss1', 'xdg-utils']));
    const effective = config.deb?.depends ?? defaults;
    expect(effective).toEqual(expect.arrayContaining(defaults));
  });

  it('writes update files for every channel, so beta*.yml exists', () => {
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
  });

  it('uses the AppUserModelID the app sets as its appId', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });

  it('names the Linux window class the app uses, in the .desktop file and in package metadata', () => {
    expect(config.linux.desktop?.entry?.StartupWMClass).toBe(WINDOW_CLASS);
    expect(config.extraMetadata?.desktopName).toBe(DESKTOP_NAME);
    expect(config.linux.executableName).toBe(WINDOW_CLASS);
  });

  it('takes publisherName from the signing certificate instead of a hard-coded name', () => {
    expect(config.win.signtoolOptions?.publisherName).toBeUndefined();
  });
});

describe('confer:// on Windows', () => {
  it('the NSIS installer writes it and the uninstaller removes it', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['confer']);
    const nsh = readFileSync(join(ROOT, config.nsis.include ?? 'missing'), 'utf8');
    const macro = (name: string) => new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`).exec(nsh)?.[1] ?? '';
    expect(macro('customInstall')).toMatch(/WriteRegStr SHCTX "Software\\Classes\\confer" "URL Protocol" ""/);
    expect(macro('customInstall')).toMatch(/shell\\open\\command" "" '"\$appExe" "%1"'/);
    expect(macro('customUnInstall')).toMatch(/DeleteRegKey SHCTX "Software\\Classes\\confer"/);
  });

  describe('the MSI hook', () => {
    const hook = load(join(ROOT, config.msiProjectCreated ?? 'missing')) as { addProtocolComponent(wxs: unknown): string };
    const project = `<Wix><Product>
    <CustomAction Id="runAfterFinish" FileKey="mainExecutable"/>
    <ComponentGroup Id="ProductComponents" Directory="APPLICATIONFOLDER">
      <Component><File Id="mainExecutable" Source="Confer.exe"/></Component>
    </ComponentGroup></Product></Wix>`;

    it('adds a component (removed on uninstall) that opens confer:// links with the app', () => {
      const out = hook.addProtocolComponent(project);
      const component = /<Component Id="ConferUrlProtocol"[\s\S]*?<\/Component>/.exec(out)?.[0] ?? '';
      expect(component).toMatch(/Root="HKMU" Key="Software\\Classes\\confer"/);
      expect(component).toMatch(/Name="URL Protocol"/);
      expect(component).toContain('Value="&quot;[#mainExecutable]&quot; &quot;%1&quot;"');
      expect(out.indexOf('ConferUrlProtocol')).toBeLessThan(out.indexOf('</ComponentGroup>'));
      expect(hook.addProtocolComponent(out)).toBe(out);
    });

    it('refuses a project it does not recognise', () => {
      expect(() => hook.addProtocolComponent('<Wix/>')).toThrow(/ProductComponents/);
      expect(() => hook.addProtocolComponent(project.replace('Id="mainExecutable"', 'Id="x"'))).toThrow(/mainExecutable/);
      expect(() => hook.addProtocolComponent(42)).toThrow(TypeError);
    });
  });
});
