// The server's API shapes, inferred from the zod schemas of src/contract/ — the same schemas the
// server validates with and describes in OpenAPI. Types only: nothing of the server is bundled.
export type { AgendaItem, AgendaItemInput, AgendaItemPatch, AgendaView, Manifest, MeetingDocument } from '../../../../src/contract/agenda.ts';
export type { LoginRequest, LoginResponse, Me, User } from '../../../../src/contract/auth.ts';
export type { DocumentStored } from '../../../../src/contract/documents.ts';
export type { DocumentSummary, Home } from '../../../../src/contract/home.ts';
export type { CreateMeetingInput, MeetingDetail, MeetingStatus, MeetingSummary } from '../../../../src/contract/meetings.ts';
export type { FieldIssue, Problem } from '../../../../src/contract/problem.ts';
export type { UnitTree } from '../../../../src/contract/units.ts';
