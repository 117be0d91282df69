/**
 * Electron main process: wires the features together. Each feature's logic lives in its folder
 * behind small interfaces (and is unit-tested there); this file only connects them to Electron.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { app, BrowserWindow, desktopCapturer, ipcMain, Menu, nativeImage, Notification, session, shell, Tray, webContents } from 'electron';
import { autoUpdater } from 'electron-updater';
import { registerAppScheme, serveAppScheme } from './protocol/register';
import { APP_START_URL } from './security/origin';
import { installPermissionHandlers } from './security/permissions';
import { guardWebContents } from './window/guards';
import { isSafeExternalUrl } from './window/navigation';
import { createMainWindow } from './window/create';
import { decideClose, TrayNotice } from './window/close-policy';
import { createIpcRouter } from './ipc/router';
import { registerIpcHandlers } from './ipc/register-handlers';
import { sendEvent } from './ipc/send';
import { PendingPickerRequests } from './screen-picker/pending';
import { createScreenPicker } from './screen-picker/main';
import { PickerChannels, PickerClosedSchema, PickerOpenSchema } from '../protocol/ipc/picker';
import { TrayController } from './tray/tray';
import { TrayActionSchema, TrayChannels } from '../protocol/ipc/tray';
import { TRAY_ICON_PNG_BASE64 } from './tray/icon';
import { createDeepLinkController } from './deep-link/controller';
import { LinkInbox } from './deep-link/inbox';
import { DEEP_LINK_SCHEME, DeepLinkChannels, JoinRequestSchema } from '../protocol/ipc/deep-link';
import { loadSettings } from './settings/load';
import { defaultsFromEnv } from './settings/schema';
import { policyPaths } from './settings/paths';
import { startUpdater } from './updater/updater';
import { applyWebrtcFieldTrials } from './webrtc/field-trials';

const warn = (message: string) => console.warn(`[confer] ${message}`);
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.js');
const PICKER_TIMEOUT_MS = 2 * 60 * 1000;

// Must happen before 'ready': privileged scheme, sandbox for every renderer, WebRTC field trials.
registerAppScheme();
app.enableSandbox();
applyWebrtcFieldTrials(app.commandLine);

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function openExternal(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

async function start(links: LinkInbox): Promise<void> {
  await app.whenReady();
  const settings = await loadSettings(
    readText,
    path.join(app.getPath('userData'), 'settings.json'),
    policyPaths({ platform: process.platform, exePath: process.execPath, env: process.env }),
    defaultsFromEnv(process.env),
  );
  settings.problems.forEach(warn);
  const serverUrl = () => settings.values.serverUrl;

  serveAppScheme(RENDERER_ROOT, serverUrl);
  installPermissionHandlers(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));

  let win: BrowserWindow | null = null;
  let quitting = false;
  const showWindow = () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const quit = () => {
    quitting = true;
    app.quit();
  };
  app.on('before-quit', () => {
    quitting = true;
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
    notifyOpen: (ownerId, payload) => sendEvent(webContents.fromId(ownerId), PickerChannels.open, PickerOpenSchema, payload),
    warn,
  });
  session.defaultSession.setDisplayMediaRequestHandler((request, callback) => {
    const owner = request.frame ? webContents.fromFrame(request.frame) : undefined;
    picker.onDisplayMediaRequest(request, owner ? owner.id : null, callback);
  });

  const tray = new TrayController({
    createTray: () => new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_ICON_PNG_BASE64}`)),
    buildMenu: (items) => Menu.buildFromTemplate(items.map((i) => ({ ...i }))),
    actions: {
      callAction: (action) => sendEvent(win?.webContents, TrayChannels.action, TrayActionSchema, { action }),
      showWindow,
      quit,
    },
    warn,
  });
  tray.start();

  const { managed, values } = settings;
  registerIpcHandlers(createIpcRouter(ipcMain, warn), {
    picker,
    tray,
    publicSettings: () => ({ serverUrl: values.serverUrl, relayOnly: values.relayOnly, autoUpdate: values.autoUpdate, updateChannel: values.updateChannel, managed }),
  });

  const deepLinks = createDeepLinkController({
    options: () => ({ serverUrl: serverUrl() }),
    isInCall: () => tray.callState.inCall,
    openUrl: (url) => {
      void win?.loadURL(url);
      showWindow();
    },
    askRenderer: (room) => {
      sendEvent(win?.webContents, DeepLinkChannels.join, JoinRequestSchema, { room });
      showWindow();
    },
    warn,
  });
  app.on('second-instance', (_event, argv) => {
    showWindow();
    deepLinks.handleArgv(argv);
  });

  win = createMainWindow(BrowserWindow, { preload: PRELOAD, url: APP_START_URL });
  const ownerId = win.webContents.id;
  const pageGone = () => {
    requests.closeOwner(ownerId);
    tray.update({ inCall: false, muted: false });
  };
  win.webContents.on('did-navigate', pageGone); // a full load (not pushState) ends the page's call
  win.webContents.on('render-process-gone', pageGone);
  win.webContents.on('destroyed', () => requests.closeOwner(ownerId));

  const notice = new TrayNotice();
  win.on('close', (event) => {
    const decision = decideClose({ inCall: tray.callState.inCall, closeToTray: values.closeToTray, quitting, trayAvailable: tray.available });
    if (decision === 'quit') return;
    event.preventDefault();
    win?.hide();
    if (notice.take() && Notification.isSupported()) {
      new Notification({ title: 'Confer is still in your call', body: 'The call continues in the background. Use the tray icon to return or to leave the call.' }).show();
    }
  });
  win.on('closed', () => {
    win = null;
  });

  links.attach((url) => deepLinks.handleUrl(url));
  deepLinks.handleArgv(process.argv);

  startUpdater({
    createUpdater: () => autoUpdater,
    settings: values,
    isPackaged: app.isPackaged,
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
  // macOS delivers links (even the launching one, before 'ready') through open-url.
  const links = new LinkInbox();
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.push(url);
  });
  if (process.defaultApp && process.argv.length >= 2) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
  app.on('window-all-closed', () => app.quit());
  start(links).catch((e: Error) => {
    console.error(`[confer] start failed: ${e.stack ?? e.message}`);
    app.exit(1);
  });
}
