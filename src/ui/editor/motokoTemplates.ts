/**
 * Starter canisters in Motoko, the language most learners meet canisters in. Each compiles with moc (a test
 * compiles and runs them) and shows the same ideas as its WAT twin in templates.ts. `persistent actor`: every
 * `var` survives upgrades unless declared `transient`.
 */
import type { WatTemplate } from './templates.ts';

const counter = `// A counter. Its state is a variable of the actor, kept from one call to the next.
// "inc" (an update) goes through a round and commits; "get" (a query) answers at once and changes nothing.
persistent actor Counter {
  var count : Nat = 0;

  public func inc() : async Nat {
    count += 1;
    count
  };

  public query func get() : async Nat {
    count
  };
};
`;

const caller = `// Calls another canister. Each \`await\` is a message: the call leaves when inc returns, and the rest of
// the function runs later, as a callback, when the answer comes back (rounds later).
import Debug "mo:core/Debug";

persistent actor Caller {
  var callsMade : Nat = 0;

  public func callCounter(counter : actor { inc : () -> async Nat }) : async Nat {
    callsMade += 1; // committed when the call leaves: a trap after the await cannot undo it
    let value = await counter.inc();
    Debug.print("the counter answered " # debug_show value);
    value
  };
};
`;

const stable = `// What an upgrade keeps: \`var\` in a persistent actor is stable (kept), \`transient var\` starts again.
persistent actor Visits {
  var visits : Nat = 0;
  transient var sinceUpgrade : Nat = 0;

  public func visit() : async Text {
    visits += 1;
    sinceUpgrade += 1;
    "visits = " # debug_show visits # ", since the last upgrade = " # debug_show sinceUpgrade
  };
};
`;

const blank = `// An actor to start from. A \`public func\` is an update method; a \`public query func\` a query.
persistent actor {
  public query func hello(name : Text) : async Text {
    "hello, " # name
  };
};
`;

export const MOTOKO_TEMPLATES: readonly WatTemplate[] = [
  { id: 'mo-counter', title: 'Counter (Motoko)', description: 'An actor with a counter: an update that changes it, a query that reads it.', source: counter },
  { id: 'mo-caller', title: 'Inter-canister call (Motoko)', description: 'Awaits another canister: the call and its answer are two messages.', source: caller },
  { id: 'mo-stable', title: 'Upgrade keeps stable vars (Motoko)', description: 'A stable and a transient variable across an upgrade.', source: stable },
  { id: 'mo-blank', title: 'Blank actor (Motoko)', description: 'One query that says hello: a start for your own actor.', source: blank },
];
