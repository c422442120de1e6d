import { h } from '../../base/ui/index.ts';
import './level-meter.css';

export interface LevelMeter {
  readonly element: HTMLElement;
  /** Measures this track (null: nothing to measure). */
  attach(track: MediaStreamTrack | null): void;
  destroy(): void;
}

/**
 * A microphone level bar for the device check: "is my microphone picking me up?". The level is
 * the RMS of the signal in decibels, mapped from -60 dB (silence) to 0 dB (full scale).
 */
export function levelMeter(label: string): LevelMeter {
  const bar = h('div', { class: 'level-meter__bar' });
  const element = h(
    'div',
    {
      class: 'level-meter',
      testid: 'room-mic-level',
      attrs: { role: 'meter', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'data-level': 0 },
    },
    bar,
  );

  let context: AudioContext | null = null;
  let source: MediaStreamAudioSourceNode | null = null;
  let frame = 0;
  let shown = -1;
  // Browsers start an AudioContext suspended until the page has had a user gesture.
  const resume = (): void => void context?.resume();
  document.addEventListener('pointerdown', resume);

  const stop = (): void => {
    cancelAnimationFrame(frame);
    source?.disconnect();
    source = null;
    show(0);
  };

  function show(level: number): void {
    if (level === shown) return;
    shown = level;
    bar.style.transform = `scaleX(${level / 100})`;
    element.setAttribute('aria-valuenow', String(level));
    element.dataset.level = String(level);
  }

  return {
    element,
    attach(track) {
      stop();
      if (!track) return;
      context ??= new AudioContext();
      void context.resume();
      source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const tick = (): void => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const sample of samples) sum += sample * sample;
        const rms = Math.sqrt(sum / samples.length);
        const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
        show(Math.round(Math.min(100, Math.max(0, ((db + 60) / 60) * 100))));
        frame = requestAnimationFrame(tick);
      };
      tick();
    },
    destroy() {
      stop();
      document.removeEventListener('pointerdown', resume);
      void context?.close();
      context = null;
    },
  };
}
