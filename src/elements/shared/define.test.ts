import { expect } from '@open-wc/testing';
import { define } from './define.ts';

describe('define()', () => {
  it('tolerates a second copy of the kit: the first definition stays, the second warns instead of throwing', () => {
    const name = `cognito-define-test-${crypto.randomUUID().slice(0, 8)}`;
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      define(name, First);
      define(name, First); // the same module evaluated twice: nothing to say
      expect(warnings).to.deep.equal([]);
      expect(() => define(name, Second)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get(name)).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain(`<${name}> is already defined`);
  });
});
