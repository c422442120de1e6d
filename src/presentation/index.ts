// "The presenter leads": the document and page a meeting looks at, kept in Postgres (one row per
// meeting) and set by the chair or the current agenda item's presenter. Above meetings
// (invitation, chair, status) and agenda (the current item, the meeting's documents); realtime
// pushes each change to the meeting's audience.
export { present, stopPresenting } from './present.ts';
export { readPresentation } from './presentation-state.ts';
export { presentationView } from './presentation-view.ts';
