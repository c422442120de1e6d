/** The agenda page; links to it are built by the meetings feature (agendaPath), like the room's. */
export const AGENDA_PATH = '/meetings/:id/agenda';
