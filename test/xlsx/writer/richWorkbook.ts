import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { writeFileSync } from 'fs';
import type { CellValue } from '../../../src/domain';
import { realisticLedgerGrid } from '../../fixtures/realisticLedger';
import { gridWorkbook } from '../xlsxFixtures';

const text = (files: Unzipped, name: string): string => Buffer.from(files[name] ?? new Uint8Array()).toString('utf8');

/**
 * A workbook with everything a load-and-save through ExcelJS used to lose, as hand-built parts
 * around an ExcelJS-written base: a user chart, a pivot table and its cache, VBA macros (the
 * workbook part's content type is the macro-enabled one), the add-in's web extension and task
 * pane parts, a custom XML part, a defined name, and a user sheet named 汇总.
 */
export async function richWorkbook(path: string): Promise<Record<string, CellValue[][]>> {
  const grids: Record<string, CellValue[][]> = {
    台账: realisticLedgerGrid(),
    汇总: [['我自己的汇总，不要动']],
    图: [['类别', '数量'], ['甲', 3], ['乙', 5]],
  };
  const workbook = gridWorkbook(Object.entries(grids).map(([name, grid]) => ({ name, grid })));
  const files = unzipSync(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const put = (name: string, content: string | Uint8Array): void => {
    files[name] = typeof content === 'string' ? strToU8(content) : (content as Uint8Array<ArrayBuffer>);
  };
  const addRels = (part: string, rels: string): void => {
    const existing = text(files, part);
    put(part, existing === '' ? `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` : existing.replace('</Relationships>', `${rels}</Relationships>`));
  };
  let types = text(files, '[Content_Types].xml')
    .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
    .replace(
      '</Types>',
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>' +
        '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>' +
        '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>' +
        '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>' +
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>',
    );
  put('[Content_Types].xml', types);
  types = '';
  put('xl/vbaProject.bin', Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
  put(
    'xl/charts/chart1.xml',
    '<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:barDir val="col"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>\'图\'!$B$2:$B$3</c:f></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>',
  );
  put(
    'xl/drawings/drawing1.xml',
    '<?xml version="1.0" encoding="UTF-8"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="我的图"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>',
  );
  addRels('xl/drawings/_rels/drawing1.xml.rels', `<Relationship Id="rId1" Type="${rel}/chart" Target="../charts/chart1.xml"/>`);
  put('xl/worksheets/sheet3.xml', text(files, 'xl/worksheets/sheet3.xml').replace('</worksheet>', '<drawing r:id="rIdD1"/></worksheet>'));
  addRels(
    'xl/worksheets/_rels/sheet3.xml.rels',
    `<Relationship Id="rIdD1" Type="${rel}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rIdP1" Type="${rel}/pivotTable" Target="../pivotTables/pivotTable1.xml"/>`,
  );
  put('xl/pivotTables/pivotTable1.xml', '<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="数据透视表1" cacheId="1"/>');
  addRels('xl/pivotTables/_rels/pivotTable1.xml.rels', `<Relationship Id="rId1" Type="${rel}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>`);
  put('xl/pivotCache/pivotCacheDefinition1.xml', '<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  put('xl/webextensions/webextension1.xml', '<?xml version="1.0" encoding="UTF-8"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{A1}"><we:properties><we:property name="ledger-stats" value="&quot;settings&quot;"/></we:properties></we:webextension>');
  put('xl/webextensions/taskpanes.xml', '<?xml version="1.0" encoding="UTF-8"?><wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"/>');
  addRels('xl/webextensions/_rels/taskpanes.xml.rels', '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/>');
  addRels('_rels/.rels', '<Relationship Id="rIdTp" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/>');
  put('customXml/item1.xml', '<ledger xmlns="urn:ledger-stats">旧状态</ledger>');
  put('customXml/itemProps1.xml', '<?xml version="1.0" encoding="UTF-8"?><ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml" ds:itemID="{B2}"/>');
  addRels('customXml/_rels/item1.xml.rels', `<Relationship Id="rId1" Type="${rel}/customXmlProps" Target="itemProps1.xml"/>`);
  addRels(
    'xl/_rels/workbook.xml.rels',
    `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>` +
      `<Relationship Id="rIdPc" Type="${rel}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>` +
      `<Relationship Id="rIdCx" Type="${rel}/customXml" Target="../customXml/item1.xml"/>`,
  );
  const workbookXml = text(files, 'xl/workbook.xml').replace(
    '</sheets>',
    '</sheets><definedNames><definedName name="预算" localSheetId="2">\'图\'!$B$2:$B$3</definedName></definedNames>',
  );
  put('xl/workbook.xml', workbookXml.replace('</workbook>', '<pivotCaches><pivotCache cacheId="1" r:id="rIdPc"/></pivotCaches></workbook>'));
  writeFileSync(path, zipSync(files));
  return grids;
}

