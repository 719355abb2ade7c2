/**
 * The WPS add-in's page: ribbon.xml's callbacks exist as synchronous global functions, the ribbon follows the
 * CustomUI rules WPS's own templates follow, and the button runs the refresh through the WPS port.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { OnAction, OnAddinLoad, REFRESH_BUTTON_ID, startRefresh } from '../../src/wpsAddin/main';
import { createFakeEt } from '../fakes/et/fakeEt';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

const ribbon = readFileSync(join(__dirname, '..', '..', 'wps', 'ribbon.xml'), 'utf8');

afterEach(() => {
  delete (globalThis as { Application?: unknown }).Application;
});

describe('wps/ribbon.xml', () => {
  it('has no XML declaration and the 2006 CustomUI root, as the wpsjs templates', () => {
    expect(ribbon.trimStart().startsWith('<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui"')).toBe(true);
    expect(ribbon).not.toContain('<?xml');
    expect(ribbon.trim().endsWith('</customUI>')).toBe(true);
  });

  it('names only callbacks the page defines as global functions, and the refresh button', () => {
    const callbacks = [...ribbon.matchAll(/\s(on[A-Z]\w*|get[A-Z]\w*)="([^"]+)"/g)].map((m) => m[2]!);
    expect(callbacks.length).toBeGreaterThan(0);
    for (const name of callbacks) expect([name, typeof (globalThis as Record<string, unknown>)[name]]).toEqual([name, 'function']);
    expect(ribbon).toContain(`id="${REFRESH_BUTTON_ID}"`);
    expect(ribbon).toContain('label="刷新汇总"');
    const ids = [...ribbon.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // CustomUI ids: letters, digits and underscores, starting with a letter (ST_UniqueID is an xsd:ID).
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });
});

describe('ribbon callbacks', () => {
  it('return synchronously and run the refresh through the WPS port', async () => {
    const et = createFakeEt({ sheets: { 台账: realisticLedgerGrid() } });
    (globalThis as { Application?: unknown }).Application = et;
    expect(OnAddinLoad({})).toBe(true);
    const shown: string[] = [];
    const alert = jest.fn((text: string) => shown.push(text));
    (globalThis as { alert?: unknown }).alert = alert;
    try {
      expect(OnAction({ Id: REFRESH_BUTTON_ID })).toBe(true); // a boolean, not a promise
      await startRefresh(); // the refresh OnAction started (one at a time)
      expect(alert).toHaveBeenCalledTimes(1);
      expect(shown[0]).toMatch(/^已刷新汇总表「汇总」。/);
      expect(et.snapshot().map((s) => s.name)).toEqual(expect.arrayContaining(['台账', '汇总']));
    } finally {
      delete (globalThis as { alert?: unknown }).alert;
    }
  });
});
