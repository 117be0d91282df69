/**
 * Whether a tray icon will be seen. On Linux Electron's tray is a StatusNotifierItem, shown only
 * when a host owns org.kde.StatusNotifierWatcher on the session bus (KDE, XFCE, GNOME with the
 * AppIndicator extension). Stock GNOME has none, yet `new Tray()` succeeds there, so only the bus
 * can tell. Windows and macOS always show tray icons.
 */

/** Runs a command and resolves with its standard output (execFile). */
export type RunCommand = (file: string, args: readonly string[]) => Promise<string>;

/** The D-Bus query, through gdbus (part of GLib, present wherever GTK runs). */
export const NAME_HAS_OWNER_ARGS = [
  'call',
  '--session',
  '--dest',
  'org.freedesktop.DBus',
  '--object-path',
  '/org/freedesktop/DBus',
  '--method',
  'org.freedesktop.DBus.NameHasOwner',
  'org.kde.StatusNotifierWatcher',
] as const;

/** True when a tray icon created now would be shown. */
export async function hasTrayHost(platform: string, env: Readonly<Record<string, string | undefined>>, run: RunCommand): Promise<boolean> {
  if (platform !== 'linux') return true;
  try {
    const out = await run('gdbus', NAME_HAS_OWNER_ARGS);
    return /^\s*\(true,?\)\s*$/.test(out);
  } catch {
    // No gdbus or no session bus: judge by the desktop, GNOME being the one known without a host.
    return !/gnome/i.test(env.XDG_CURRENT_DESKTOP ?? '');
  }
}
