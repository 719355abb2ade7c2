/**
 * Excel.* string enums (values copied from @types/office-js 1.0.612).
 * Member names are derived from the values: lower-case first letter, a leading
 * underscore for values that start with a digit (`_3DColumn`), and `xyscatter…` for the XYScatter chart types.
 */
const ENUM_VALUES: Record<string, string> = {
  BindingType: 'Range Table Text',
  BorderIndex: 'EdgeTop EdgeBottom EdgeLeft EdgeRight InsideVertical InsideHorizontal DiagonalDown DiagonalUp',
  BorderLineStyle: 'None Continuous Dash DashDot DashDotDot Dot Double SlantDashDot',
  BorderWeight: 'Hairline Thin Medium Thick',
  CalculationMode: 'Automatic AutomaticExceptTables Manual',
  CalculationType: 'Recalculate Full FullRebuild',
  ChartAxisGroup: 'Primary Secondary',
  ChartAxisType: 'Invalid Category Value Series',
  ChartDataLabelPosition: 'Invalid None Center InsideEnd InsideBase OutsideEnd Left Right Top Bottom BestFit Callout',
  ChartLegendPosition: 'Invalid Top Bottom Left Right Corner Custom',
  ChartSeriesBy: 'Auto Columns Rows',
  ChartType: 'Invalid ColumnClustered ColumnStacked ColumnStacked100 3DColumnClustered 3DColumnStacked 3DColumnStacked100 BarClustered BarStacked BarStacked100 3DBarClustered 3DBarStacked 3DBarStacked100 LineStacked LineStacked100 LineMarkers LineMarkersStacked LineMarkersStacked100 PieOfPie PieExploded 3DPieExploded BarOfPie XYScatterSmooth XYScatterSmoothNoMarkers XYScatterLines XYScatterLinesNoMarkers AreaStacked AreaStacked100 3DAreaStacked 3DAreaStacked100 DoughnutExploded RadarMarkers RadarFilled Surface SurfaceWireframe SurfaceTopView SurfaceTopViewWireframe Bubble Bubble3DEffect StockHLC StockOHLC StockVHLC StockVOHLC CylinderColClustered CylinderColStacked CylinderColStacked100 CylinderBarClustered CylinderBarStacked CylinderBarStacked100 CylinderCol ConeColClustered ConeColStacked ConeColStacked100 ConeBarClustered ConeBarStacked ConeBarStacked100 ConeCol PyramidColClustered PyramidColStacked PyramidColStacked100 PyramidBarClustered PyramidBarStacked PyramidBarStacked100 PyramidCol 3DColumn Line 3DLine 3DPie Pie XYScatter 3DArea Area Doughnut Radar Histogram Boxwhisker Pareto RegionMap Treemap Waterfall Sunburst Funnel',
  ClearApplyTo: 'All Formats Contents Hyperlinks RemoveHyperlinks ResetContents',
  ConditionalCellValueOperator: 'Invalid Between NotBetween EqualTo NotEqualTo GreaterThan LessThan GreaterThanOrEqual LessThanOrEqual',
  ConditionalFormatType: 'Custom DataBar ColorScale IconSet TopBottom PresetCriteria ContainsText CellValue',
  DataChangeType: 'Unknown RangeEdited RowInserted RowDeleted ColumnInserted ColumnDeleted CellInserted CellDeleted',
  DeleteShiftDirection: 'Up Left',
  ErrorCodes: 'AccessDenied ApiNotFound Conflict DirtySupportingFormula EmptyChartSeries FilteredRangeConflict FormulaLengthExceedsLimit GeneralException InactiveWorkbook InsertDeleteConflict InvalidArgument InvalidBinding InvalidOperation InvalidReference InvalidSelection ItemAlreadyExists ItemNotFound MergedRangeConflict NonBlankCellOffSheet NotImplemented OpenWorkbookLinksBlocked OperationCellsExceedLimit PivotTableRangeConflict PowerQueryRefreshResourceChallenge RangeExceedsLimit RangeImageExceedsLimit RefreshWorkbookLinksBlocked RequestAborted ResponsePayloadSizeLimitExceeded UnsupportedFeature UnsupportedFillType UnsupportedOperation UnsupportedSheet InvalidOperationInCellEditMode',
  EventSource: 'Local Remote',
  EventTriggerSource: 'Unknown ThisLocalAddin',
  EventType: 'WorksheetChanged WorksheetSelectionChanged WorksheetAdded WorksheetActivated WorksheetDeactivated TableChanged TableSelectionChanged WorksheetDeleted ChartAdded ChartActivated ChartDeactivated ChartDeleted WorksheetCalculated VisualSelectionChanged TableAdded TableDeleted TableFiltered WorksheetFiltered ShapeActivated ShapeDeactivated VisualChange WorkbookAutoSaveSettingChanged WorksheetFormatChanged RibbonCommandExecuted WorksheetRowSorted WorksheetColumnSorted WorksheetSingleClicked WorksheetRowHiddenChanged CommentAdded CommentDeleted CommentChanged WorksheetFormulaChanged WorkbookActivated LinkedWorkbookWorkbookLinksChanged LinkedWorkbookRefreshCompleted WorksheetProtectionChanged WorksheetNameChanged WorksheetVisibilityChanged WorksheetMoved LinkedEntityDataDomainLinkedEntityDataDomainAdded LinkedEntityDataDomainRefreshCompleted LinkedEntityDataDomainRefreshModeChanged LinkedEntityDataDomainLinkedEntityCellValueLoaded',
  HorizontalAlignment: 'General Left Center Right Fill Justify CenterAcrossSelection Distributed',
  InsertShiftDirection: 'Down Right',
  NamedItemScope: 'Worksheet Workbook',
  NamedItemType: 'String Integer Double Boolean Range Error Array',
  RangeCopyType: 'All Formulas Values Formats Link',
  RangeUnderlineStyle: 'None Single Double SingleAccountant DoubleAccountant',
  RangeValueType: 'Unknown Empty String Integer Double Boolean Error RichValue',
  SheetVisibility: 'Visible Hidden VeryHidden',
  VerticalAlignment: 'Top Center Bottom Justify Distributed',
};

function memberName(value: string): string {
  if (value.startsWith('XYScatter')) return 'xyscatter' + value.slice('XYScatter'.length);
  if (/^[0-9]/.test(value)) return '_' + value;
  return value.charAt(0).toLowerCase() + value.slice(1);
}

/** Builds `{ columnClustered: 'ColumnClustered', ... }` objects for every modelled enum. */
export function buildExcelEnums(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, values] of Object.entries(ENUM_VALUES)) {
    const e: Record<string, string> = {};
    for (const v of values.split(' ')) e[memberName(v)] = v;
    out[name] = Object.freeze(e) as Record<string, string>;
  }
  return out;
}

/** The values of one enum, e.g. `enumValues('ChartType')`. */
export function enumValues(name: string): readonly string[] {
  const v = ENUM_VALUES[name];
  return v === undefined ? [] : v.split(' ');
}
