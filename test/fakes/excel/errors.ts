/**
 * OfficeExtension.Error look-alike. Messages are copied from the Office.js runtime
 * (@microsoft/office-js 1.1.110, dist/excel-web-16.00.debug.js and en-us/office_strings.js)
 * where the runtime has one; server-side messages are the ones Excel on the web returns.
 */

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  ApiNotFound: 'The method or property {0} is part of the {1} requirement set, which is not available in your version of Excel.',
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: 'A resource with the same name or identifier already exists.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The requested operation is invalid.',
  InvalidReference: "This reference isn't valid for the current operation.",
  GeneralException: 'There was an internal error while processing the request.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  InvalidObjectPath:
    'The object path \'{0}\' isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  RangeExceedsLimit: 'The number of cells in the range has exceeded the maximum supported number. See the article for more information.',
};

export function formatMessage(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

/** Shaped like OfficeExtension.Error (name, code, message, debugInfo, traceMessages, innerError). */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null = null;
  readonly httpStatusCode: number;

  constructor(code: string, message?: string, errorLocation?: string, statement?: string) {
    const msg = message ?? ERROR_MESSAGES[code] ?? code;
    super(msg);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'RichApi.Error';
    this.code = code;
    this.httpStatusCode = code === 'ApiNotFound' ? 404 : code === 'ItemNotFound' ? 404 : 400;
    const info: FakeDebugInfo = { code, message: msg };
    if (errorLocation !== undefined) info.errorLocation = errorLocation;
    if (statement !== undefined) info.statement = statement;
    this.debugInfo = info;
  }

  /** Same error with the errorLocation/statement filled in (used when an operation fails at sync). */
  withLocation(errorLocation: string, statement?: string): FakeOfficeError {
    if (this.debugInfo.errorLocation !== undefined) return this;
    return new FakeOfficeError(this.code, this.message, errorLocation, statement);
  }
}

export function officeError(code: string, detail?: string, errorLocation?: string): FakeOfficeError {
  const base = ERROR_MESSAGES[code] ?? code;
  return new FakeOfficeError(code, detail === undefined ? base : `${base} ${detail}`, errorLocation);
}

export function propertyNotLoaded(entity: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    formatMessage(ERROR_MESSAGES.PropertyNotLoaded ?? '', [property]),
    `${entity}.${property}`,
  );
}

export function apiNotFound(member: string, version: string): FakeOfficeError {
  return new FakeOfficeError(
    'ApiNotFound',
    formatMessage(ERROR_MESSAGES.ApiNotFound ?? '', [member, `ExcelApi ${version}`]),
    member,
  );
}

/** Thrown for things the fake deliberately does not model: a test or adapter bug, not an Excel error. */
export class FakeNotModelledError extends Error {
  constructor(what: string) {
    super(`FakeExcel does not model ${what}. Extend test/fakes/excel if the adapter needs it.`);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'FakeNotModelledError';
  }
}
