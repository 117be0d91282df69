/**
 * The rendering of the repository's Janus configuration templates (signaling-server/janus/config/*.jcfg)
 * into a fresh folder. Everything that lands in a file is validated first: a value with a quote or
 * a newline could otherwise add arbitrary Janus options.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../config';
import { JANUS_SAFE_TOKEN as SAFE, type JanusSettings } from '../config/janus-settings';

/** Where the templates live (source tree; dist/ only holds compiled code). */
export const JANUS_TEMPLATE_DIR = path.join(repoRoot(), 'signaling-server', 'janus', 'config');
/** The three files we render; Janus finds the plugin's and the transport's by these names. */
export const JANUS_CONFIG_FILES = ['janus.jcfg', 'janus.plugin.videoroom.jcfg', 'janus.transport.websockets.jcfg'] as const;
/** The only modules the bundled Janus loads. */
export const JANUS_MODULES = { plugins: ['libjanus_videoroom.so'], transports: ['libjanus_websockets.so'] } as const;

/** Folders the rendered janus.jcfg points at. */
export interface JanusFolders {
  configs: string;
  plugins: string;
  transports: string;
  events: string;
  loggers: string;
}


const HOSTNAME = /^[A-Za-z0-9.-]+$/;

/** Settings built in code (tests) rather than read by the config module are checked again before they reach a file. */
function checkSettings(s: JanusSettings): void {
  for (const [name, v] of Object.entries({ adminSecret: s.adminSecret, tokenSecret: s.tokenSecret, videoroomAdminKey: s.videoroomAdminKey })) {
    if (!SAFE.test(v)) throw new Error(`Janus ${name} is not a plain token`);
  }
  if (isIP(s.wsIp) === 0) throw new Error('Janus wsIp must be an IP address');
  if (!s.nat11.every((ip) => isIP(ip) !== 0)) throw new Error('Janus nat11 must hold IP addresses');
  if (![...s.iceIgnoreList, ...s.iceEnforceList].every((x) => SAFE.test(x) && !x.includes(','))) throw new Error('Janus ICE lists must hold plain names');
  if (s.stunServer && !HOSTNAME.test(s.stunServer.host)) throw new Error('Janus STUN host is not a host name');
  const ints = [s.wsPort, s.adminPort ?? 1, s.rtpMinPort, s.rtpMaxPort, s.reclaimSeconds, s.debugLevel, s.stunServer?.port ?? 1];
  if (!ints.every((n) => Number.isInteger(n) && n >= 0)) throw new Error('Janus numeric settings must be integers');
}

/** Fills one template's {{name}} placeholders; an unknown placeholder is an error, never left in the file. */
function fill(name: string, template: string, values: Record<string, string>): string {
  const sub = (line: string) =>
    line.replace(/\{\{([a-z0-9_]+)\}\}/g, (_m, key: string) => {
      if (!(key in values)) throw new Error(`${name}: unknown placeholder {{${key}}}`);
      return values[key];
    });
  // A line holding only an optional setting that is not set leaves no blank line behind.
  return template
    .split('\n')
    .flatMap((line) => {
      const out = sub(line);
      return out === '' && /^\{\{[a-z0-9_]+\}\}$/.test(line) ? [] : [out];
    })
    .join('\n');
}

/** Renders the three configuration files (file name -> text). Paths must be plain (no quotes or blanks). */
export function renderJanusConfigs(
  templates: Record<string, string>,
  s: JanusSettings,
  folders: JanusFolders,
): Record<string, string> {
  checkSettings(s);
  for (const f of Object.values(folders)) if (!/^[A-Za-z0-9._/-]+$/.test(f)) throw new Error(`Janus folder "${f}" must be a plain path`);
  const values: Record<string, string> = {
    configs_folder: folders.configs,
    plugins_folder: folders.plugins,
    transports_folder: folders.transports,
    events_folder: folders.events,
    loggers_folder: folders.loggers,
    debug_level: String(s.debugLevel),
    token_auth_secret: s.tokenSecret,
    admin_secret: s.adminSecret,
    reclaim_session_timeout: String(s.reclaimSeconds),
    rtp_port_range: `${s.rtpMinPort}-${s.rtpMaxPort}`,
    ice_ignore_list: s.iceIgnoreList.join(','),
    ice_enforce_list: s.iceEnforceList.length > 0 ? `\tice_enforce_list = "${s.iceEnforceList.join(',')}"` : '',
    nat_1_1_mapping: s.nat11.length > 0 ? `\tnat_1_1_mapping = "${s.nat11.join(',')}"` : '',
    stun_server: s.stunServer ? `\tstun_server = "${s.stunServer.host}"\n\tstun_port = ${s.stunServer.port}` : '',
    videoroom_admin_key: s.videoroomAdminKey,
    ws_port: String(s.wsPort),
    ws_ip: s.wsIp,
    admin_ws: s.adminPort === undefined ? 'false' : 'true',
    // Janus reads the port even with admin_ws off; any valid number serves then.
    admin_ws_port: String(s.adminPort ?? 7188),
  };
  const out: Record<string, string> = {};
  for (const name of JANUS_CONFIG_FILES) {
    const template = templates[name];
    if (template === undefined) throw new Error(`missing Janus template ${name}`);
    out[name] = fill(name, template, values);
  }
  return out;
}

/** The repository's templates. */
export function readJanusTemplates(dir = JANUS_TEMPLATE_DIR): Record<string, string> {
  return Object.fromEntries(JANUS_CONFIG_FILES.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
}

/**
 * The folder holding Janus's installed modules (`plugins/`, `transports/`): `configured`
 * (JANUS_MODULES_DIR), or where Debian and source builds put them. Undefined when none has the
 * VideoRoom plugin.
 */
export function findJanusModulesDir(configured?: string): string | undefined {
  const candidates = [configured ?? ''];
  for (const base of ['/usr/lib', '/usr/lib64', '/usr/local/lib']) {
    candidates.push(path.join(base, 'janus'));
    try {
      for (const d of readdirSync(base)) if (d.endsWith('-linux-gnu')) candidates.push(path.join(base, d, 'janus'));
    } catch {
      // No such base folder.
    }
  }
  candidates.push('/opt/janus/lib/janus');
  return candidates.find((c) => c !== '' && existsSync(path.join(c, 'plugins', JANUS_MODULES.plugins[0])));
}

/**
 * Writes a complete Janus setup into `dir` (which should be fresh and private): conf/ with the three
 * rendered files (owner-only: they hold secrets) and plugins/, transports/, events/, loggers/ folders
 * holding symlinks to just the modules we want. Returns the path of the main configuration file.
 */
export function writeJanusSetup(dir: string, s: JanusSettings, modulesDir: string, templates = readJanusTemplates()): { configPath: string; folders: JanusFolders } {
  const folders: JanusFolders = {
    configs: path.join(dir, 'conf'),
    plugins: path.join(dir, 'plugins'),
    transports: path.join(dir, 'transports'),
    events: path.join(dir, 'events'),
    loggers: path.join(dir, 'loggers'),
  };
  for (const f of Object.values(folders)) mkdirSync(f, { recursive: true, mode: 0o700 });
  for (const kind of ['plugins', 'transports'] as const) {
    for (const lib of JANUS_MODULES[kind]) {
      const target = path.join(modulesDir, kind, lib);
      if (!existsSync(target)) throw new Error(`Janus module ${target} is missing`);
      symlinkSync(target, path.join(folders[kind], lib));
    }
  }
  const files = renderJanusConfigs(templates, s, folders);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folders.configs, name), text, { mode: 0o600 });
  return { configPath: path.join(folders.configs, 'janus.jcfg'), folders };
}
