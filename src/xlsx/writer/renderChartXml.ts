import type { ChartSpec, PlanRange } from '../../domain';
import { shownValue, type PlannedCells } from './plannedCells';
import { absoluteRange, escapeXml, NS, quoteSheetName, XML_DECLARATION } from './xmlText';

/** Axis ids inside one chart part (any two distinct numbers). */
const CATEGORY_AXIS_ID = 500_000_001;
const VALUE_AXIS_ID = 500_000_002;
/** EMUs per pixel; the frame's nominal size below assumes 64 × 20-pixel cells (the anchor's cells decide the real size). */
const EMU_PER_PIXEL = 9525;

/** A text element of a title: one run, horizontal or (for a vertical value axis) rotated. */
function titleXml(text: string, rotated = false): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr${rotated ? ' rot="-5400000" vert="horz"' : ''}/><a:lstStyle/><a:p><a:pPr><a:defRPr b="${rotated ? 0 : 1}"/></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" b="${rotated ? 0 : 1}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

/** The cells of a one-column range, top to bottom. */
function rangeValues(cells: PlannedCells, range: PlanRange): (string | number | boolean | null)[] {
  const values: (string | number | boolean | null)[] = [];
  for (let r = 0; r < range.rows; r++) values.push(shownValue(cells, range.row + r, range.col));
  return values;
}

function strRef(ref: string, values: readonly (string | number | boolean | null)[]): string {
  const points = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`)).join('');
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(ref: string, values: readonly (string | number | boolean | null)[]): string {
  const points = values.map((v, i) => (typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '')).join('');
  return `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef>`;
}

function dataLabels(spec: ChartSpec, pie: boolean): string {
  const show = spec.showDataLabels ? 1 : 0;
  return (
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="${pie ? 0 : show}"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="${pie ? show : 0}"/><c:showBubbleSize val="0"/>${pie ? '<c:showLeaderLines val="1"/>' : ''}</c:dLbls>`
  );
}

/**
 * A DrawingML chart part for a chart spec: bar, column (clustered or stacked) or pie, each
 * series bound to the summary sheet by formula references (`'汇总'!$B$5:$B$12`) and carrying
 * cached values and labels, so that a reader draws it without recalculating.
 * @param sheetName the name the owned sheet really got (the references use it).
 */
export function renderChartXml(spec: ChartSpec, sheetName: string, cells: PlannedCells): string {
  const sheet = quoteSheetName(sheetName);
  const categories = rangeValues(cells, spec.categories);
  const categoryRef = `${sheet}!${absoluteRange(spec.categories.row, spec.categories.col, spec.categories.rows, 1)}`;
  const pie = spec.type === 'pie';
  const series = spec.series
    .map((s, i) => {
      const ref = `${sheet}!${absoluteRange(s.values.row, s.values.col, s.values.rows, 1)}`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
        `${pie ? '' : '<c:invertIfNegative val="0"/>'}<c:cat>${strRef(categoryRef, categories)}</c:cat>` +
        `<c:val>${numRef(ref, rangeValues(cells, s.values))}</c:val></c:ser>`
      );
    })
    .join('');

  let plot: string;
  if (pie) {
    plot = `<c:pieChart><c:varyColors val="1"/>${series}${dataLabels(spec, true)}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    const horizontal = spec.type === 'barClustered';
    const stacked = spec.type === 'columnStacked';
    plot =
      `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>` +
      `${series}${dataLabels(spec, false)}<c:gapWidth val="${stacked ? 80 : 150}"/>${stacked ? '<c:overlap val="100"/>' : ''}` +
      `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/></c:barChart>` +
      `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="${spec.reverseCategories === true ? 'maxMin' : 'minMax'}"/></c:scaling>` +
      `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>${spec.categoryAxisTitle === undefined ? '' : titleXml(spec.categoryAxisTitle, horizontal)}` +
      `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
      `<c:axPos val="${horizontal ? (spec.reverseCategories === true ? 't' : 'b') : 'l'}"/><c:majorGridlines/>${titleXml(spec.valueAxisTitle, !horizontal)}` +
      `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  }
  const legend = pie || spec.series.length > 1 ? `<c:legend><c:legendPos val="${pie ? 'r' : 'b'}"/><c:overlay val="0"/></c:legend>` : '';
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>${titleXml(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** One chart of a drawing: its spec and the relationship id of its chart part in the drawing's rels. */
export interface DrawnChart {
  readonly spec: ChartSpec;
  readonly relId: string;
}

/**
 * The drawing part of an owned sheet: one `twoCellAnchor` per chart, spanning the cells of the
 * spec's position, holding a `graphicFrame` that points at the chart part.
 */
export function renderDrawingXml(charts: readonly DrawnChart[]): string {
  const anchors = charts
    .map(({ spec, relId }, i) => {
      const { row, col, rows, cols } = spec.position;
      const marker = (r: number, c: number): string => `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${marker(row, col)}</xdr:from><xdr:to>${marker(row + Math.max(1, rows), col + Math.max(1, cols))}</xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(spec.id)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${64 * EMU_PER_PIXEL * Math.max(1, cols)}" cy="${20 * EMU_PER_PIXEL * Math.max(1, rows)}"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${relId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">${anchors}</xdr:wsDr>`;
}
