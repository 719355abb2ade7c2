/**
 * One add-in runtime over the fake workbook: the task pane and the ribbon's function file run in
 * separate runtimes (OFFICE-PLATFORM.md §4), each with its own globals. What a runtime has of its
 * own, as in Office:
 * - `Office.context.document.settings`: an in-memory copy, loaded when the runtime starts (or on
 *   refreshAsync) and written to the document, whole, by saveAsync (REF office/office.settings.yml),
 *   so a runtime does not see another's saved settings until it reloads them;
 * - `Office.actions` (the function commands it associated).
 * - `context.runtime.enableEvents` ("Events are turned on and off at the runtime level",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events; the property
 *   "Toggle[s] JavaScript events in the current task pane or content add-in"): a runtime that turns
 *   events off while it writes still fires the other runtime's handlers (core.ts, dispatchChanges).
 * What runtimes share: the workbook, and its requests, which the engine runs one after the other.
 */
import type { Engine, RuntimeState } from './core';
import { buildExcelEnums } from './enums';
import { FakeRequestContext } from './objects';
import { buildOffice, buildOfficeExtension, FakeDocumentSettings, makeActionEvent, type FakeActionEvent } from './office';

type Batch<T> = (context: FakeRequestContext) => Promise<T>;
type GlobalTarget = Record<string, unknown>;

/** The globals a runtime puts on its page. */
export const GLOBAL_NAMES = ['Excel', 'Office', 'OfficeExtension'] as const;

/** What a runtime needs from the fake workbook. */
export interface RuntimeHost {
  readonly engine: Engine;
  /** This runtime's own state in the host (`runtime.enableEvents`). */
  readonly state: RuntimeState;
  /** Excel.run over the workbook, in this runtime. */
  run(a: unknown, b?: Batch<unknown>): Promise<unknown>;
  readonly displayLanguage: string;
  readonly platform: string;
  /** Requirement sets other than ExcelApi, e.g. { DialogApi: '1.1' }. */
  readonly otherSets: Readonly<Record<string, string>>;
}

/**
 * An add-in runtime: its own `Excel`, `Office` and `OfficeExtension` objects, to use directly
 * (`runtime.Excel.run`) or to install on a global object.
 */
export class FakeAddinRuntime {
  /** This runtime's `Office.context.document.settings`. */
  readonly documentSettings: FakeDocumentSettings;
  /** The globals of this runtime, by name. */
  readonly globals: Readonly<Record<(typeof GLOBAL_NAMES)[number], unknown>>;
  private saved: Map<string, PropertyDescriptor | undefined> | null = null;
  private installedOn: GlobalTarget | null = null;

  private readonly state: RuntimeState;

  constructor(
    host: RuntimeHost,
    /** Function commands registered through this runtime's Office.actions.associate. */
    readonly actions = new Map<string, (event: FakeActionEvent) => unknown>(),
  ) {
    const { engine, state } = host;
    this.state = state;
    this.documentSettings = new FakeDocumentSettings({
      read: () => new Map(engine.state.settings),
      write: (next) => {
        engine.state = { ...engine.state, settings: next };
      },
    });
    class RequestContext extends FakeRequestContext {
      constructor(_url?: unknown) {
        super(engine, state);
      }
    }
    const excel: Record<string, unknown> = {
      ...buildExcelEnums(),
      run: (a: unknown, b?: Batch<unknown>) => host.run(a, b),
      RequestContext,
    };
    const office = buildOffice({
      displayLanguage: host.displayLanguage,
      platform: host.platform,
      supportsExcelApi: (v) => engine.supports(v),
      otherSets: host.otherSets,
      settings: this.documentSettings,
      actions: this.actions,
    });
    this.globals = { Excel: excel, Office: office, OfficeExtension: buildOfficeExtension(FakeRequestContext) };
  }

  /** This runtime's `Excel` namespace, typed as Office.js declares it. */
  get Excel(): typeof Excel {
    return this.globals.Excel as typeof Excel;
  }

  /** This runtime's `Office` namespace, typed as Office.js declares it. */
  get Office(): typeof Office {
    return this.globals.Office as typeof Office;
  }

  /** This runtime's `context.runtime.enableEvents`, as Excel holds it. */
  get eventsEnabled(): boolean {
    return this.state.enableEvents;
  }

  /** Puts this runtime's Excel, Office and OfficeExtension on `globalObj` (default globalThis). */
  install(globalObj: object = globalThis): void {
    if (this.installedOn) this.uninstall();
    const target = globalObj as GlobalTarget;
    this.saved = new Map();
    for (const name of GLOBAL_NAMES) {
      this.saved.set(name, Object.getOwnPropertyDescriptor(target, name));
      Object.defineProperty(target, name, { value: this.globals[name], writable: true, configurable: true, enumerable: false });
    }
    this.installedOn = target;
  }

  /** Restores whatever Excel/Office/OfficeExtension were before install(). */
  uninstall(): void {
    const target = this.installedOn;
    if (!target || !this.saved) return;
    for (const name of GLOBAL_NAMES) {
      const d = this.saved.get(name);
      if (d) Object.defineProperty(target, name, d);
      else Reflect.deleteProperty(target, name);
    }
    this.saved = null;
    this.installedOn = null;
  }

  /**
   * Runs a function command this runtime associated, the way a ribbon click does. Resolves with
   * the event once the function (and the promise it returned, if any) settled.
   */
  invokeAction(name: string, sourceId = name): Promise<FakeActionEvent> {
    return invokeAction(this.actions, name, sourceId);
  }
}

/**
 * Runs the function command `name` of `actions` with a fresh event, the way a ribbon click does.
 * Resolves with the event once the function (and the promise it returned, if any) settled.
 */
export async function invokeAction(actions: ReadonlyMap<string, (event: FakeActionEvent) => unknown>, name: string, sourceId = name): Promise<FakeActionEvent> {
  const fn = actions.get(name);
  if (!fn) throw new Error(`FakeExcel: no function command '${name}' was associated`);
  const event = makeActionEvent(sourceId);
  await fn(event);
  return event;
}
