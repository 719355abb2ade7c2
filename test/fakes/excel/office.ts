/**
 * The `Office` and `OfficeExtension` globals: Office.context (document settings, requirements,
 * display language), Office.onReady and Office.actions.associate.
 */
import { compareVersions, FakeClientObject, FakeClientResult, FakeEventHandlerResult, FakeEventHandlers } from './core';
import { FakeOfficeError } from './errors';

export interface AsyncResultLike<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error: { name: string; message: string; code: number } | null;
  asyncContext: unknown;
  diagnostics: unknown;
}

type Callback<T> = (result: AsyncResultLike<T>) => void;

function later(f: () => void): void {
  void Promise.resolve().then(f);
}

function splitAsyncArgs<T>(a: unknown, b: unknown): { asyncContext: unknown; callback: Callback<T> | undefined } {
  if (typeof a === 'function') return { asyncContext: undefined, callback: a as Callback<T> };
  const options = a && typeof a === 'object' ? (a as { asyncContext?: unknown }) : undefined;
  return { asyncContext: options?.asyncContext, callback: typeof b === 'function' ? (b as Callback<T>) : undefined };
}

function succeeded<T>(value: T, asyncContext: unknown): AsyncResultLike<T> {
  return { status: 'succeeded', value, error: null, asyncContext, diagnostics: null };
}

function jsonClone(v: unknown): unknown {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown);
}

/** Where Office.Settings persists to: the fake's workbook settings (the "file"). */
export interface SettingsStore {
  read(): Map<string, unknown>;
  write(next: Map<string, unknown>): void;
}

/**
 * Office.context.document.settings: an in-memory copy, loaded when the add-in starts (install())
 * or on refreshAsync; set/remove change only the copy; saveAsync writes the whole copy to the file.
 */
export class FakeDocumentSettings {
  private cache: Map<string, unknown>;
  saveCount = 0;

  constructor(private readonly store: SettingsStore) {
    this.cache = new Map(store.read());
  }

  get(name: string): unknown {
    return this.cache.has(name) ? jsonClone(this.cache.get(name)) : null;
  }

  set(name: string, value: unknown): void {
    if (typeof name !== 'string' || name === '') throw new FakeOfficeError('InvalidArgument', 'The setting name must be a non-empty string.');
    this.cache.set(name, jsonClone(value));
  }

  remove(name: string): void {
    this.cache.delete(name);
  }

  saveAsync(a?: unknown, b?: unknown): void {
    const { asyncContext, callback } = splitAsyncArgs<undefined>(a, b);
    this.store.write(new Map(this.cache));
    this.saveCount++;
    later(() => callback?.(succeeded(undefined, asyncContext)));
  }

  refreshAsync(callback?: Callback<FakeDocumentSettings>): void {
    this.cache = new Map(this.store.read());
    later(() => callback?.(succeeded(this, undefined)));
  }

  addHandlerAsync(_eventType: unknown, _handler: unknown, a?: unknown, b?: unknown): void {
    const { asyncContext, callback } = splitAsyncArgs<undefined>(a, b);
    later(() => callback?.(succeeded(undefined, asyncContext)));
  }

  removeHandlerAsync(_eventType: unknown, a?: unknown, b?: unknown): void {
    const { asyncContext, callback } = splitAsyncArgs<undefined>(a, b);
    later(() => callback?.(succeeded(undefined, asyncContext)));
  }
}

/** The event passed to a function command (Office.AddinCommands.Event) with what happened to it. */
export interface FakeActionEvent {
  readonly source: { id: string };
  completed(options?: { allowEvent?: boolean }): void;
  /** How often completed() was called (it must be called exactly once). */
  readonly completedCalls: number;
  readonly completedOptions: ReadonlyArray<unknown>;
  /** Resolves at the first completed() call. */
  readonly whenCompleted: Promise<void>;
}

export function makeActionEvent(id: string): FakeActionEvent {
  let calls = 0;
  const options: unknown[] = [];
  let resolve: () => void = () => undefined;
  const whenCompleted = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    source: { id },
    completed(o?: { allowEvent?: boolean }): void {
      calls++;
      options.push(o);
      resolve();
    },
    get completedCalls(): number {
      return calls;
    },
    completedOptions: options,
    whenCompleted,
  };
}

export interface OfficeHooks {
  displayLanguage: string;
  platform: string;
  supportsExcelApi(version: string): boolean;
  otherSets: Readonly<Record<string, string>>;
  settings: FakeDocumentSettings;
  actions: Map<string, (event: FakeActionEvent) => unknown>;
}

const HOST_TYPES = ['Word', 'Excel', 'PowerPoint', 'Outlook', 'OneNote', 'Project', 'Access'];
const PLATFORM_TYPES = ['PC', 'OfficeOnline', 'Mac', 'iOS', 'Android', 'Universal'];

function asEnum(values: readonly string[]): Record<string, string> {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v])));
}

export function buildOffice(h: OfficeHooks): Record<string, unknown> {
  const info = { host: 'Excel', platform: h.platform };
  const requirements = {
    isSetSupported(name: string, minVersion?: string | number): boolean {
      const version = minVersion === undefined ? '1.1' : String(minVersion);
      if (name.toLowerCase() === 'excelapi') return h.supportsExcelApi(version);
      const key = Object.keys(h.otherSets).find((k) => k.toLowerCase() === name.toLowerCase());
      const have = key === undefined ? undefined : h.otherSets[key];
      return have !== undefined && compareVersions(version, have) <= 0;
    },
  };
  return {
    HostType: asEnum(HOST_TYPES),
    PlatformType: asEnum(PLATFORM_TYPES),
    AsyncResultStatus: Object.freeze({ Succeeded: 'succeeded', Failed: 'failed' }),
    context: {
      host: 'Excel',
      platform: h.platform,
      displayLanguage: h.displayLanguage,
      contentLanguage: h.displayLanguage,
      diagnostics: { host: 'Excel', platform: h.platform, version: '16.0.0000.0000' },
      requirements,
      document: { settings: h.settings },
    },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    actions: {
      associate(actionId: string, actionFunction: (event: FakeActionEvent) => unknown): void {
        if (typeof actionFunction !== 'function') throw new TypeError('Office.actions.associate needs a function');
        h.actions.set(actionId, actionFunction);
      },
    },
  };
}

const OfficeExtensionErrorCodes = Object.freeze({
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  activityLimitReached: 'ActivityLimitReached',
  invalidObjectPath: 'InvalidObjectPath',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  invalidRequestContext: 'InvalidRequestContext',
  invalidArgument: 'InvalidArgument',
  runMustReturnPromise: 'RunMustReturnPromise',
  cannotRegisterEvent: 'CannotRegisterEvent',
  apiNotFound: 'ApiNotFound',
  connectionFailure: 'ConnectionFailure',
});

export function buildOfficeExtension(requestContextClass: unknown): Record<string, unknown> {
  return {
    Error: FakeOfficeError,
    ErrorCodes: OfficeExtensionErrorCodes,
    ClientObject: FakeClientObject,
    ClientResult: FakeClientResult,
    ClientRequestContext: requestContextClass,
    EventHandlers: FakeEventHandlers,
    EventHandlerResult: FakeEventHandlerResult,
    config: { extendedErrorLogging: false },
    Promise,
  };
}
