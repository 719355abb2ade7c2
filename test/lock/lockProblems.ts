/** The parts of a v3 package-lock.json that the completeness check reads. */
export interface PackageLock {
  lockfileVersion: number;
  packages: Record<
    string,
    {
      version?: string;
      optional?: boolean;
      hasInstallScript?: boolean;
      engines?: { node?: string };
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    }
  >;
}

/**
 * Optional dependencies that a locked package declares but that have no entry of their own, found
 * the way Node resolves a package: in the package's own node_modules, then in each enclosing one.
 * `npm ci` refuses such a lock on every machine, whatever its platform.
 */
export function lockProblems(lock: PackageLock): string[] {
  const problems: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const dependency of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolves(lock, path, dependency)) problems.push(`${path}: optional dependency ${dependency} is not in the lock`);
    }
  }
  return problems;
}

function resolves(lock: PackageLock, from: string, dependency: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base === '' ? '' : `${base}/`}node_modules/${dependency}`] !== undefined) return true;
    if (base === '') return false;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}
