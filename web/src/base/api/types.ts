// The server's API shapes, inferred from the zod schemas of src/contract/ — the same schemas the
// server validates with and describes in OpenAPI. Types only: nothing of the server is bundled.
export type { AgendaItem, AgendaItemInput, AgendaItemPatch, AgendaView, Manifest, MeetingDocument } from '../../../../src/contract/agenda.ts';
export type { LoginRequest, LoginResponse, Me, User } from '../../../../src/contract/auth.ts';
export type { DocumentStored } from '../../../../src/contract/documents.ts';
export type { DocumentSummary, Home } from '../../../../src/contract/home.ts';
export type {
  CreateMeetingBody,
  CreateMeetingInput,
  MeetingAction,
  MeetingDetail,
  MeetingStatus,
  MeetingSummary,
  UpdateMeetingInput,
} from '../../../../src/contract/meetings.ts';
export type { Minutes, SaveConclusions } from '../../../../src/contract/minutes.ts';
export type { MarkReadInput, NotificationItem, NotificationList, UnreadCount } from '../../../../src/contract/notifications.ts';
export type { FieldIssue, Problem } from '../../../../src/contract/problem.ts';
export type { UnitTree } from '../../../../src/contract/units.ts';
export type { CertificateInfo, EnrollResponse, SignatureRequested, SigningStatus } from '../../../../src/contract/credentials.ts';
