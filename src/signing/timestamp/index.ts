// RFC 3161 time-stamping: a client for PAdES B-T, a responder for the development TSA, and the
// token reader the PDF verifier uses for signature and document timestamps.
export { createTimestampAuthority, type TimestampAuthority, type TimestampAuthorityOptions } from './timestamp-authority.ts';
export { createTimestampClient, type TimestampClient, type TimestampClientOptions } from './timestamp-client.ts';
export { parseTimeStampToken, verifyTimeStampToken, type ParsedTimeStampToken, type TimeStampVerification } from './timestamp-token.ts';
export { parseTimeStampResp, parseTstInfo, type TimeStampResp, type TstInfo } from './tsp-messages.ts';
