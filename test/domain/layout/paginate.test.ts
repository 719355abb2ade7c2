import { columnWidthPt, pageSetupOf, paginate, placeOnPages, printScale, type PageGeometry } from '../../../src/domain/layout/paginate';

// One 10-character column fits the page: scale 1. A landscape A4 page is 595 pt high, less 0.75 in top and bottom
// (108 pt): 487 pt. A 15-pt row counts 15.75 pt: 30 rows a page (472.5 pt; 31 rows are 488.25).
const geometry: PageGeometry = { columnWidths: [10], printColumns: 1, rowHeight: () => 15 };

describe('paginate', () => {
  it('breaks before a table that does not fit what is left of the page', () => {
    // 20 rows (315 pt) and 20 more (630 pt in all).
    expect(paginate([{ first: 0, last: 19 }, { first: 20, last: 39 }], 40, geometry)).toEqual([20]);
  });

  it('leaves loose rows to run over, and breaks only before a table', () => {
    expect(paginate([], 60, geometry)).toEqual([]);
    // 25 loose rows (393.75 pt) and a table of 10 (157.5 pt): 551.25 pt.
    expect(paginate([{ first: 25, last: 34 }], 35, geometry)).toEqual([25]);
  });

  it('counts the repeated title rows on every page after the first', () => {
    const spans = [{ first: 0, last: 19 }, { first: 20, last: 49 }, { first: 50, last: 50 }];
    // Page 2 holds the 30-row table (472.5 pt) and the 1-row one (488.25 pt): a break before row 50.
    expect(paginate(spans, 51, geometry)).toEqual([20, 50]);
    // With the title row (15.75 pt) page 2 cannot hold the 30-row table, which runs over onto page 3 (17 pt used);
    // the 1-row table follows it there.
    expect(paginate(spans, 51, { ...geometry, titleRows: { first: 0, last: 0 } })).toEqual([20]);
  });

  it('lets a table taller than a page run over rather than break before it on an empty page', () => {
    expect(paginate([{ first: 0, last: 39 }], 40, geometry)).toEqual([]);
  });

  it('uses the planned heights of taller rows', () => {
    const spans = [{ first: 0, last: 0 }, { first: 1, last: 20 }, { first: 21, last: 21 }];
    // Row 0 is 150 pt (157.5 counted) + 20 rows (315) = 472.5; row 21 makes 488.25.
    expect(paginate(spans, 22, { ...geometry, rowHeight: (row) => (row === 0 ? 150 : 15) })).toEqual([21]);
    expect(paginate(spans, 22, geometry)).toEqual([]);
  });
});

describe('placeOnPages', () => {
  it('moves a block that would cross a page break to the next page, and stacks the next one below it', () => {
    const breaks: number[] = [];
    // Pages of 30 rows: a 15-row block wanted at row 20 moves to the page from row 30, one row in (31); the next,
    // wanted at 21, goes below it (47).
    expect(placeOnPages([{ top: 20, rows: 15 }, { top: 21, rows: 5 }], breaks, geometry)).toEqual([31, 47]);
    expect(breaks).toEqual([30, 60]);
  });

  it('never starts a block on a break row, whose top edge would print at the foot of the page before', () => {
    expect(placeOnPages([{ top: 40, rows: 5 }, { top: 0, rows: 5 }], [40], geometry)).toEqual([41, 47]);
  });

  it('keeps a block where it is wanted when it fits', () => {
    expect(placeOnPages([{ top: 2, rows: 15 }], [40], geometry)).toEqual([2]);
  });
});

describe('printScale', () => {
  it('scales the print columns to the page width, in whole percent', () => {
    // 842 pt less 0.8 in (57.6 pt) = 784.4 pt; 20 columns of 10 characters are 20 × trunc(75) × 0.75 = 1,125 pt.
    expect(columnWidthPt(10)).toBe(56.25);
    expect(printScale({ columnWidths: Array.from({ length: 20 }, () => 10), printColumns: 20 })).toBe(0.69);
    expect(printScale({ columnWidths: [10], printColumns: 1 })).toBe(1);
  });
});

describe('pageSetupOf', () => {
  it('doubles an ampersand of the title, which would start a header code', () => {
    const setup = pageSetupOf({ lang: 'en-US', title: 'R&D projects', dateLine: 'Data as of 30 Sep 2025' }, [12]);
    expect(setup.header).toEqual({ left: 'R&&D projects', right: 'Data as of 30 Sep 2025' });
    expect(setup.footer).toEqual({ center: 'Page &P of &N' });
    expect(setup.rowBreaks).toEqual([12]);
  });
});
