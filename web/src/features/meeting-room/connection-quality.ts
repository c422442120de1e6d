// Connection quality from the peer connections' own statistics (getStats of each transport):
// the round-trip time of the selected ICE candidate pair, and packet loss — what we receive
// (inbound-rtp, over the last interval) and what the server reports losing of ours
// (remote-inbound-rtp). Thresholds follow what a video call tolerates: below 150 ms and 2 %
// nobody notices; past 400 ms or 8 % speech breaks up.

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

export interface QualitySample {
  level: QualityLevel;
  rttMs: number | null;
  lossPercent: number | null;
}

/** The receive-side m-section mediasoup-client adds for mediasoup's bandwidth probation. */
const PROBATOR_MID = 'probator';
const FAIR_RTT_MS = 150;
const POOR_RTT_MS = 400;
const FAIR_LOSS = 2;
const POOR_LOSS = 8;

interface StatLike {
  type: string;
  id: string;
  [key: string]: unknown;
}

export class QualityMeter {
  #previous: { lost: number; received: number } | null = null;

  sample(reports: readonly RTCStatsReport[]): QualitySample {
    let rtt: number | null = null;
    let lost = 0;
    let received = 0;
    let remoteLoss: number | null = null;

    for (const report of reports) {
      const pairs = new Map<string, StatLike>();
      let selectedPairId: string | undefined;
      report.forEach((stat: StatLike) => {
        if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') selectedPairId = stat.selectedCandidatePairId;
        else if (stat.type === 'candidate-pair') pairs.set(stat.id, stat);
        // mediasoup's bandwidth probe (mid "probator") skips sequence numbers on purpose: its
        // "losses" are not the network's.
        else if (stat.type === 'inbound-rtp' && stat.mid !== PROBATOR_MID) {
          lost += Math.max(0, num(stat.packetsLost) ?? 0);
          received += num(stat.packetsReceived) ?? 0;
        } else if (stat.type === 'remote-inbound-rtp') {
          const fraction = num(stat.fractionLost);
          if (fraction !== null) remoteLoss = Math.max(remoteLoss ?? 0, fraction * 100);
        }
      });
      const pair = (selectedPairId ? pairs.get(selectedPairId) : undefined) ?? [...pairs.values()].find((p) => p.nominated === true && p.state === 'succeeded');
      const seconds = num(pair?.currentRoundTripTime);
      if (seconds !== null) rtt = Math.max(rtt ?? 0, seconds * 1000);
    }

    // Counters start again after a rejoin: then there is no interval to compare with yet.
    let inboundLoss: number | null = null;
    const previous = this.#previous;
    if (previous && lost >= previous.lost && received >= previous.received) {
      const dLost = lost - previous.lost;
      const total = dLost + (received - previous.received);
      if (total > 0) inboundLoss = (dLost / total) * 100;
    }
    this.#previous = { lost, received };

    const loss = inboundLoss === null && remoteLoss === null ? null : Math.max(inboundLoss ?? 0, remoteLoss ?? 0);
    return { level: classify(rtt, loss), rttMs: rtt === null ? null : Math.round(rtt), lossPercent: loss === null ? null : Math.round(loss * 10) / 10 };
  }
}

export function classify(rttMs: number | null, lossPercent: number | null): QualityLevel {
  if (rttMs === null && lossPercent === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt > POOR_RTT_MS || loss > POOR_LOSS) return 'poor';
  if (rtt > FAIR_RTT_MS || loss > FAIR_LOSS) return 'fair';
  return 'good';
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
