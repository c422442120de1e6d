import { describe, expect, it } from 'vitest';
import { ProducerDemand } from '../../src/media/producer-demand.ts';

describe('ProducerDemand', () => {
  it('reports the highest layer anyone receives, and only when it changes', () => {
    const changes: string[] = [];
    const demand = new ProducerDemand((id) => changes.push(`${id}:${demand.top(id)}`));
    expect(demand.top('cam')).toBeNull();
    demand.add('cam', 0); // a thumbnail
    demand.add('cam', 0); // another: no change
    demand.add('cam', 2); // someone's stage
    demand.move('cam', 2, 0); // back among the thumbnails
    demand.remove('cam', 0);
    demand.remove('cam', 0);
    demand.remove('cam', 0); // more removals than adds change nothing
    expect(changes).toEqual(['cam:0', 'cam:2', 'cam:0', 'cam:null']);
  });
});
