/** Where the policy file may live, by platform, in the order they are tried. */
import path from 'node:path';

export interface PolicyPathContext {
  readonly platform: string;
  /** The app executable (process.execPath): a policy next to the installation is also honoured. */
  readonly exePath: string;
  /** Environment, for %ProgramData% on Windows. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Candidate policy files: the system config folder first, then the installation folder. */
export function policyPaths(ctx: PolicyPathContext): string[] {
  const nextToInstall = path.join(path.dirname(ctx.exePath), 'policy.json');
  switch (ctx.platform) {
    case 'win32':
      return [path.win32.join(ctx.env.ProgramData ?? 'C:\\ProgramData', 'Confer', 'policy.json'), nextToInstall];
    case 'darwin':
      return ['/Library/Application Support/Confer/policy.json', nextToInstall];
    default:
      return ['/etc/confer/policy.json', nextToInstall];
  }
}
