/**
 * The `Office` and `OfficeExtension` globals: Office.context (document settings, requirements,
 * display language, and the dialog API when DialogApi is claimed), Office.onReady and
 * Office.actions.associate.
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

const DIALOG_EVENTS = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' } as const;

type DialogHandler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

/** A dialog opened by `Office.context.ui.displayDialogAsync`, with what the test can do to it. */
export class FakeDialog {
  private readonly handlers = new Map<string, DialogHandler[]>();
  /** How often the add-in called close(). */
  closeCalls = 0;

  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {}

  get isClosed(): boolean {
    return this.closeCalls > 0;
  }

  addEventHandler(eventType: string, handler: DialogHandler): void {
    this.handlers.set(eventType, [...(this.handlers.get(eventType) ?? []), handler]);
  }

  close(): void {
    this.closeCalls++;
  }

  /** The dialog page calls `Office.context.ui.messageParent(message)`. */
  sendToParent(message: string): void {
    if (this.isClosed) return;
    for (const h of this.handlers.get(DIALOG_EVENTS.DialogMessageReceived) ?? []) h({ message, origin: new URL(this.url).origin });
  }

  /** The user closes the dialog with its X (DialogEventReceived, error 12006). */
  closeByUser(): void {
    if (this.isClosed) return;
    for (const h of this.handlers.get(DIALOG_EVENTS.DialogEventReceived) ?? []) h({ error: 12006 });
  }
}

/**
 * `Office.context.ui` when the fake claims DialogApi (`requirementSets: { DialogApi: '1.1' }`):
 * displayDialogAsync opens a `FakeDialog`, or fails once after `failNextOpen`. Tests reach it
 * through the global: `Office.context.ui as unknown as FakeDialogUi`.
 */
export class FakeDialogUi {
  /** Every displayDialogAsync call, in order; `dialog` is null when the call failed. */
  readonly calls: { url: string; options: unknown; dialog: FakeDialog | null }[] = [];
  private failCode: number | null = null;
  private delivered = 0;
  private waiters: { n: number; resolve: (call: FakeDialogUi['calls'][number]) => void }[] = [];

  /** The next displayDialogAsync call fails with `code` (12007: a dialog is already open). */
  failNextOpen(code = 12007): void {
    this.failCode = code;
  }

  /** Resolves with the n-th displayDialogAsync call (1-based) once its callback has run. */
  whenCalled(n = 1): Promise<FakeDialogUi['calls'][number]> {
    const call = this.calls[n - 1];
    if (call !== undefined && n <= this.delivered) return Promise.resolve(call);
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  displayDialogAsync(url: string, a?: unknown, b?: unknown): void {
    if (typeof url !== 'string' || !url.startsWith('https://')) throw new FakeOfficeError('InvalidArgument', 'The dialog URL must be an absolute https URL.');
    const callback = (typeof a === 'function' ? a : b) as Callback<FakeDialog | undefined> | undefined;
    const options = typeof a === 'function' ? undefined : a;
    const code = this.failCode;
    this.failCode = null;
    const dialog = code === null ? new FakeDialog(url, options) : null;
    const call = { url, options, dialog };
    this.calls.push(call);
    const n = this.calls.length;
    later(() => {
      callback?.(
        dialog === null
          ? { status: 'failed', value: undefined, error: { name: 'Error', message: 'The dialog could not open.', code: code ?? 0 }, asyncContext: undefined, diagnostics: null }
          : succeeded(dialog, undefined),
      );
      // After the callback, so that the add-in has registered its handlers.
      this.delivered = Math.max(this.delivered, n);
      for (const w of this.waiters.filter((w) => w.n === n)) w.resolve(call);
      this.waiters = this.waiters.filter((w) => w.n !== n);
    });
  }

  messageParent(_message: string): void {
    // Only meaningful inside a dialog page; the function file never calls it.
  }
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
  const ui = requirements.isSetSupported('DialogApi', '1.1') ? { ui: new FakeDialogUi() } : {};
  return {
    HostType: asEnum(HOST_TYPES),
    PlatformType: asEnum(PLATFORM_TYPES),
    AsyncResultStatus: Object.freeze({ Succeeded: 'succeeded', Failed: 'failed' }),
    EventType: Object.freeze({ ...DIALOG_EVENTS }),
    context: {
      host: 'Excel',
      platform: h.platform,
      displayLanguage: h.displayLanguage,
      contentLanguage: h.displayLanguage,
      diagnostics: { host: 'Excel', platform: h.platform, version: '16.0.0000.0000' },
      requirements,
      document: { settings: h.settings },
      ...ui,
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
