/**
 * Electron main process: wires the features together. Each feature's logic lives in its folder
 * behind small interfaces (and is unit-tested there); this file only connects them to Electron.
 */
import path from 'node:path';
import os from 'node:os';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { app, BrowserWindow, desktopCapturer, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, powerMonitor, session, shell, systemPreferences, Tray, webContents } from 'electron';
import type { Streams } from 'electron';
import { autoUpdater } from 'electron-updater';
import { registerAppScheme, serveAppScheme } from './protocol/register';
import { installPermissionHandlers } from './security/permissions';
import { askForDeviceAccess, MAC_SCREEN_RECORDING_SETTINGS_URL, screenAccess } from './security/mac-media-access';
import { guardWebContents } from './window/guards';
import { isSafeExternalUrl } from './window/navigation';
import { createMainWindow, createSettingsWindow } from './window/create';
import { TrayNotice } from './window/close-policy';
import { attachCloseHandler } from './window/close-handler';
import { createIpcRouter } from './ipc/router';
import { registerIpcHandlers } from './ipc/register-handlers';
import { sendEvent } from './ipc/send';
import { PendingPickerRequests } from './screen-picker/pending';
import { captureModeFor, createScreenPicker, useSystemPickerFor } from './screen-picker/main';
import { PickerChannels, PickerClosedSchema, PickerOpenSchema } from '../protocol/ipc/picker';
import { TrayController } from './tray/tray';
import { hasTrayHost } from './tray/host';
import { TrayActionSchema, TrayChannels } from '../protocol/ipc/tray';
import type { TrayAction } from '../protocol/ipc/tray';
import { createTrayImage } from './tray/image';
import { createDeepLinkController } from './deep-link/controller';
import { LinkInbox } from './deep-link/inbox';
import { startPageUrl } from './deep-link/start-page';
import { DEEP_LINK_SCHEME, DeepLinkChannels, JoinRequestSchema } from '../protocol/ipc/deep-link';
import { loadSettings } from './settings/load';
import { defaultsFromEnv } from './settings/schema';
import { policySources } from './settings/policy/platform';
import { systemPolicyReaders } from './settings/policy/system-readers';
import { nodeExec } from './settings/policy/exec';
import { SettingsStore } from './settings/store';
import { applySettingsLive, canOpenAtLogin } from './settings/live';
import { PublicSettingsSchema, SettingsChannels } from '../protocol/ipc/settings';
import { SystemChannels, SystemWakeSchema } from '../protocol/ipc/system';
import { watchPower } from './power/power-watch';
import { APP_ORIGIN, APP_START_URL } from './security/origin';
import { startUpdater } from './updater/updater';
import { detectInstallKind, settingsForInstall } from './updater/install-kind';
import { applyWebrtcFieldTrials } from './webrtc/field-trials';
import { APP_USER_MODEL_ID, applyAppIdentity } from './app/identity';
import { applicationMenuTemplate } from './app/menu';
import { loadPage } from './app/load-page';
import { registerEarlyAppEvents } from './app/early-events';
import { registersProtocolAtRuntime } from './app/protocol-client';
import { createShortcutRegistrar } from './shortcuts/registrar';
import { watchWindowState } from './window/state';
import { WindowChannels, WindowStateSchema } from '../protocol/ipc/window';

const warn = (message: string) => console.warn(`[confer] ${message}`);
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.js');
/** Drawn from build/icon.svg by the renderer build (scripts/vite-app-icons.mts). */
const WINDOW_ICON = path.join(RENDERER_ROOT, 'icons', 'icon-512.png');
const PICKER_TIMEOUT_MS = 2 * 60 * 1000;

// Must happen before 'ready': privileged scheme, sandbox for every renderer, WebRTC field trials,
// the Windows identity (notifications), and no default menu (its Ctrl+R would reload a live call).
registerAppScheme();
app.enableSandbox();
applyWebrtcFieldTrials(app.commandLine);
applyAppIdentity(app, process.platform);
const menuTemplate = applicationMenuTemplate(process.platform, { openSettings: () => openSettings() });
Menu.setApplicationMenu(menuTemplate ? Menu.buildFromTemplate(menuTemplate) : null);

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The login name from the user database (not $USER), or null when there is none. */
function loginName(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}

function openExternal(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

function runCommand(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: 2000 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout))));
  });
}

/** macOS refuses screen recording to the app: say where to allow it, and open that page on request. */
function guideToScreenSettings(): void {
  void dialog
    .showMessageBox({
      type: 'info',
      message: 'Allow Confer to record your screen',
      detail: 'macOS blocks screen sharing for Confer. Turn Confer on in System Settings › Privacy & Security › Screen & System Audio Recording, then share again.',
      buttons: ['Open System Settings', 'Not Now'],
      defaultId: 0,
      cancelId: 1,
    })
    .then(({ response }) => {
      // A fixed System Settings address, never input: the one non-https URL the app opens.
      if (response === 0) void shell.openExternal(MAC_SCREEN_RECORDING_SETTINGS_URL);
    });
}

/** The window, once it exists; events that arrive earlier find none and do nothing. */
const current: { win: BrowserWindow | null; settingsWin: BrowserWindow | null; ready: boolean; quitting: boolean } = {
  win: null,
  settingsWin: null,
  ready: false,
  quitting: false,
};

/** Shows the one settings window, creating it the first time (not before the app has started). */
function openSettings(): void {
  const open = current.settingsWin;
  if (open && !open.isDestroyed()) {
    if (open.isMinimized()) open.restore();
    open.show();
    open.focus();
    return;
  }
  if (!current.ready) return;
  const win = createSettingsWindow(BrowserWindow, { preload: PRELOAD, icon: WINDOW_ICON, url: `${APP_ORIGIN}/settings?window=settings`, warn });
  win.on('closed', () => {
    if (current.settingsWin === win) current.settingsWin = null;
  });
  current.settingsWin = win;
}

/** A call action (tray menu, global shortcut) for the page. */
function sendCallAction(action: TrayAction): void {
  sendEvent(current.win?.webContents, TrayChannels.action, TrayActionSchema, { action });
}

function showWindow(): void {
  const win = current.win;
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(links: LinkInbox): Promise<void> {
  await app.whenReady();
  // Asked on the session bus while the settings load; the window does not wait for the answer.
  const trayHost = hasTrayHost(process.platform, process.env, runCommand);
  const installKind = detectInstallKind({ platform: process.platform, env: process.env, execPath: process.execPath, exists: existsSync });
  const loaded = await loadSettings(
    readText,
    path.join(app.getPath('userData'), 'settings.json'),
    policySources(
      { platform: process.platform, env: process.env, user: loginName(), bundleId: APP_USER_MODEL_ID },
      systemPolicyReaders(nodeExec, process.env, readText, (file) => access(file).then(() => true, () => false)),
    ),
    defaultsFromEnv(process.env),
  );
  const settings = settingsForInstall(loaded, app.isPackaged ? installKind : null);
  settings.problems.forEach(warn);
  const store = new SettingsStore({
    fs: { readText, writeText: (file, text) => writeFile(file, text, 'utf8'), rename, remove: (file) => rm(file, { force: true }) },
    userFile: path.join(app.getPath('userData'), 'settings.json'),
    loaded: settings,
    defaults: defaultsFromEnv(process.env),
  });
  // The page of each window allows the server it was loaded with; a new one applies from the next load.
  const serverUrl = () => store.values().serverUrl;

  serveAppScheme(RENDERER_ROOT, serverUrl);
  installPermissionHandlers(session.defaultSession, (types) => askForDeviceAccess(process.platform, systemPreferences, types, warn));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));

  const quit = () => {
    current.quitting = true;
    app.quit();
  };
  app.on('before-quit', () => {
    current.quitting = true;
  });

  const requests = new PendingPickerRequests({
    timeoutMs: PICKER_TIMEOUT_MS,
    newId: randomUUID,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
    onEnded: (requestId, ownerId, reason) => sendEvent(webContents.fromId(ownerId), PickerChannels.closed, PickerClosedSchema, { requestId, reason }),
  });
  const picker = createScreenPicker({
    capturer: desktopCapturer,
    requests,
    platform: process.platform,
    mode: captureModeFor(process.platform, process.env),
    screenAccess: () => screenAccess(process.platform, systemPreferences),
    guideToScreenSettings,
    notifyOpen: (ownerId, payload) => sendEvent(webContents.fromId(ownerId), PickerChannels.open, PickerOpenSchema, payload),
    warn,
  });
  session.defaultSession.setDisplayMediaRequestHandler(
    (request, callback) => {
      const owner = request.frame ? webContents.fromFrame(request.frame) : undefined;
      // Electron's typings list only the grant; its runtime takes null as the deny ({} throws).
      picker.onDisplayMediaRequest(request, owner ? owner.id : null, callback as (streams: Streams | null) => void);
    },
    { useSystemPicker: useSystemPickerFor(process.platform, os.release()) },
  );

  const tray = new TrayController({
    createTray: () => new Tray(createTrayImage(nativeImage, process.platform)),
    buildMenu: (items) => Menu.buildFromTemplate(items.map((i) => ({ ...i }))),
    actions: {
      callAction: sendCallAction,
      showWindow,
      openSettings,
      quit,
    },
    warn,
    // Knocks: the one notification main raises (the page leaves knocks to it); none while the user looks at the window.
    notify: (title, body) => {
      if (!Notification.isSupported() || current.win?.isFocused()) return;
      const n = new Notification({ title, body });
      n.on('click', showWindow);
      n.show();
    },
  });

  registerIpcHandlers(createIpcRouter(ipcMain, warn), { picker, tray, showWindow, settings: store });
  applySettingsLive(store, {
    setOpenAtLogin: canOpenAtLogin(process.platform, app.isPackaged) ? (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) : null,
    broadcast: (view) => BrowserWindow.getAllWindows().forEach((w) => sendEvent(w.webContents, SettingsChannels.changed, PublicSettingsSchema, view)),
    serverChanged: () => {
      if (current.win && !tray.callState.inCall) void loadPage(current.win, APP_START_URL, warn);
    },
    warn,
  });

  const deepLinks = createDeepLinkController({
    options: () => ({ serverUrl: serverUrl() }),
    isInCall: () => tray.callState.inCall,
    openUrl: (url) => {
      if (current.win) void loadPage(current.win, url, warn);
      showWindow();
    },
    askRenderer: (room) => {
      sendEvent(current.win?.webContents, DeepLinkChannels.join, JoinRequestSchema, { room });
      showWindow();
    },
    warn,
  });

  // Links that came during start-up decide the first page, so it loads once.
  const win = createMainWindow(BrowserWindow, { preload: PRELOAD, icon: WINDOW_ICON, url: startPageUrl(links.drain(), deepLinks.roomOf), warn });
  current.win = win;
  const ownerId = win.webContents.id;
  const pageGone = () => {
    requests.closeOwner(ownerId);
    tray.update({ inCall: false, muted: false });
  };
  win.webContents.on('did-navigate', pageGone); // a full load (not pushState) ends the page's call
  win.webContents.on('render-process-gone', pageGone);
  win.webContents.on('destroyed', () => requests.closeOwner(ownerId));

  const notice = new TrayNotice();
  attachCloseHandler(win, {
    context: () => ({ inCall: tray.callState.inCall, closeToTray: store.values().closeToTray, trayAvailable: tray.available }),
    isQuitting: () => current.quitting,
    markQuitting: () => {
      current.quitting = true;
    },
    onHidden: () => {
      if (notice.take() && Notification.isSupported()) {
        new Notification({ title: 'Confer is still in your call', body: 'The call continues in the background. Use the tray icon to return or to leave the call.' }).show();
      }
    },
  });
  // The page opens its mini window while this one is minimised or in the tray during a call.
  watchWindowState(win, (state) => sendEvent(win.webContents, WindowChannels.state, WindowStateSchema, { state }));
  // After sleep or an unlock the call restarts ICE at once instead of waiting to notice a dead path.
  const stopPowerWatch = watchPower(powerMonitor, (cause) => sendEvent(win.webContents, SystemChannels.wake, SystemWakeSchema, { cause }));
  win.on('closed', () => {
    stopPowerWatch();
    current.win = null;
  });

  // Global mute toggle and push-to-talk, off unless set; a change in the settings window applies at once.
  const shortcuts = createShortcutRegistrar(
    { globalShortcut, send: sendCallAction, problem: warn, setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (t) => clearTimeout(t as NodeJS.Timeout) },
    store.values(),
  );
  const stopShortcutUpdates = store.onChange((next) => shortcuts.update(next));
  app.on('will-quit', () => {
    stopShortcutUpdates();
    shortcuts.dispose();
  });

  current.ready = true;
  links.attach((input) => deepLinks.handle(input));
  void trayHost.then((present) => tray.start(present));

  startUpdater({
    createUpdater: () => autoUpdater,
    // Read once: a changed channel or auto update applies from the next start (the page says so).
    settings: store.values(),
    isPackaged: app.isPackaged,
    installKind,
    currentVersion: app.getVersion(),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (t) => clearInterval(t as NodeJS.Timeout),
    log: (m) => console.info(`[confer] ${m}`),
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs; it receives our argv (and any link in it) through 'second-instance'.
  app.quit();
} else {
  const links = new LinkInbox();
  // Registered now, not after the settings load: a link opened during start-up must not be lost.
  registerEarlyAppEvents(app, links, showWindow);
  links.push({ kind: 'argv', argv: process.argv });
  if (registersProtocolAtRuntime(process.platform, app.isPackaged)) {
    if (process.defaultApp && process.argv.length >= 2) {
      app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
    } else {
      app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
    }
  }
  app.on('window-all-closed', () => app.quit());
  start(links).catch((e: Error) => {
    console.error(`[confer] start failed: ${e.stack ?? e.message}`);
    app.exit(1);
  });
}
