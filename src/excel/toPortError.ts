import { PortError, type PortErrorCode } from '../workflows/workbookPort';

/**
 * `OfficeExtension.Error` codes → port error codes; any other Office code is `host_error`.
 * Codes: REF excel.errorcodes.yml and
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * (OFFICE-PLATFORM.md §6). Payload codes occur only in Excel on the web (§2).
 */
const CODES: Readonly<Record<string, PortErrorCode>> = {
  ItemNotFound: 'source_not_found',
  RequestPayloadSizeLimitExceeded: 'payload_too_large',
  ResponsePayloadSizeLimitExceeded: 'payload_too_large',
  RangeExceedsLimit: 'payload_too_large',
  OperationCellsExceedLimit: 'payload_too_large',
  InvalidOperationInCellEditMode: 'busy',
  ApiNotFound: 'not_supported',
  NotImplemented: 'not_supported',
  UnsupportedOperation: 'not_supported',
  UnsupportedFeature: 'not_supported',
  InvalidArgument: 'invalid_name',
  ItemAlreadyExists: 'invalid_name',
};

/** The `code` of an `OfficeExtension.Error` (or a look-alike with a string `code`), else `null`. */
export function officeErrorCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/** True for the two payload-limit errors of Excel on the web (OFFICE-PLATFORM.md §2). */
export function isPayloadLimitError(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * Map a host failure to a `PortError`, keeping the original as `cause`: the one place that
 * classifies Office errors. A `PortError` passes through. Anything that is not an Office error (a
 * bug in the adapter, e.g. a `TypeError`) is returned unchanged, so the workflow reports it as an
 * internal error instead of blaming Excel.
 * @param operation the port method that failed, for the message (e.g. "readGrid").
 * @example toPortError(itemNotFoundError, 'readGrid') // PortError { code: 'source_not_found', cause: itemNotFoundError }
 */
export function toPortError(error: unknown, operation: string): unknown {
  if (error instanceof PortError) return error;
  const code = officeErrorCode(error);
  if (code === null) return error;
  const message = error instanceof Error ? error.message : '';
  return new PortError(CODES[code] ?? 'host_error', `${operation}: Excel error ${code}: ${message}`, { cause: error });
}
