// Where each document of a batch gets its signature: as on the document page, under the
// signature block of its last page when it has one, else the corner of the step's kind. A
// document whose PDF cannot be read here is left to the server's default place. Loaded with
// pdf.js on first use (the inbox page itself does not need it).
import type { BatchSignRequest, InboxItem } from '../../../../src/contract/workflow.ts';
import { PdfFacts } from './pdf-facts.ts';
import { findSignatureBlock, groupLines, proposeRect } from './placement.ts';
import type { WorkflowApi } from './workflow-api.ts';

type BatchItem = BatchSignRequest['items'][number];

export async function proposePlacements(api: WorkflowApi, items: readonly InboxItem[]): Promise<BatchItem[]> {
  const out: BatchItem[] = [];
  for (const item of items) {
    const kind = item.stepKind;
    // A seal goes over the leader's signature by itself.
    if (kind === 'seal') {
      out.push({ documentId: item.documentId });
      continue;
    }
    let facts: PdfFacts | null = null;
    try {
      facts = await PdfFacts.open(await api.file(api.versionUrl(item.documentId, item.version)));
      const page = facts.pageCount;
      const size = await facts.pageSize(page);
      const block = findSignatureBlock(groupLines(await facts.textItems(page)));
      out.push({ documentId: item.documentId, page, rect: proposeRect(kind, size, block) });
    } catch {
      out.push({ documentId: item.documentId });
    } finally {
      facts?.close();
    }
  }
  return out;
}
