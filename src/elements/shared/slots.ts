/**
 * Header and footer "slots" in light DOM. The elements render into the document, not a shadow root
 * (password managers must see the inputs), so there is no <slot> to project into: instead an
 * element keeps the page's header children (`slot="header"`, or `<view>-header` on the
 * authenticator) before its rendered form and its footer children after it, by moving them among
 * its own children (never to another parent, so a framework that later moves or removes them still
 * finds them where it put them; only the authenticator's modal, which must hold them in its dialog,
 * takes them one level down). Lit only touches what lies between its markers, so a re-render or a
 * change of step leaves them alone; children the page adds later (the parser, a framework) are
 * placed as they arrive.
 */

/**
 * Where the element renders: header children go before `start`, footer children after `end`, both
 * children of the host (or of one child of it, the authenticator's modal dialog).
 */
export interface SlotFrame {
  start: ChildNode;
  end: ChildNode;
}

/** Node.DOCUMENT_POSITION_FOLLOWING (the minifier would keep the long name). */
const FOLLOWING = 4;

/** "header" / "footer" for a slot name that is, or ends with, one of them ("sign-up-footer"). */
const kindOf = (name: string) => /(?:^|-)(header|footer)$/.exec(name)?.[1];

/**
 * Keeps `host`'s header and footer children around `frame`, in the order the page gave them, now and
 * whenever its children change (until the observer is disconnected). It moves nothing already in
 * place, so the records of its own moves end the cycle.
 */
export function followSlotted(host: Element, { start, end }: SlotFrame): MutationObserver {
  const place = () => {
    const headers: Element[] = [];
    const footers: Element[] = [];
    // The frame is among the host's children, or one level down (the authenticator's modal <dialog>):
    // then the host's new header and footer children join it there.
    const parent = start.parentElement;
    if (!parent) return;
    for (const child of parent === host ? host.children : [...host.children, ...parent.children]) {
      const kind = kindOf(child.slot);
      const elsewhere = child.parentNode !== parent;
      if (kind === 'header' && (elsewhere || start.compareDocumentPosition(child) & FOLLOWING)) headers.push(child);
      if (kind === 'footer' && (elsewhere || !(end.compareDocumentPosition(child) & FOLLOWING))) footers.push(child);
    }
    start.before(...headers);
    end.after(...footers);
  };
  const observer = new MutationObserver(place);
  observer.observe(host, { childList: true });
  place();
  return observer;
}
