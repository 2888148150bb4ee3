/**
 * A generated Motoko actor of about `lines` lines for the compilation figures: what a learner's larger canister
 * looks like (records and variants, a `Map` from mo:core, loops, `switch`, text building, updates and queries,
 * an inter-canister call). Blocks repeat with different names and constants; the same size gives the same text.
 */

const HEADER = [
  'import Debug "mo:core/Debug";',
  'import Map "mo:core/Map";',
  'import Nat "mo:core/Nat";',
  'import Text "mo:core/Text";',
  'import Array "mo:core/Array";',
  'import Principal "mo:core/Principal";',
  '',
  'persistent actor Generated {',
  '  type Status = { #active; #paused : Nat; #closed : Text };',
  '  type Entry = { id : Nat; owner : Principal; name : Text; amount : Nat; status : Status };',
  '',
  '  let entries = Map.empty<Nat, Entry>();',
  '  var nextId : Nat = 0;',
  '',
];

const block = (i: number): string[] => [
  `  public shared ({ caller }) func create${i}(name : Text, amount : Nat) : async Nat {`,
  '    let id = nextId;',
  '    nextId += 1;',
  `    Map.add(entries, Nat.compare, id, { id; owner = caller; name = name # "-${i}"; amount = amount * ${i + 2}; status = #active });`,
  `    Debug.print("created " # Nat.toText(id) # " in block ${i}");`,
  '    id;',
  '  };',
  '',
  `  public query func describe${i}(id : Nat) : async ?Text {`,
  '    switch (Map.get(entries, Nat.compare, id)) {',
  '      case null null;',
  '      case (?entry) {',
  '        let state = switch (entry.status) {',
  '          case (#active) "active";',
  `          case (#paused n) "paused for " # Nat.toText(n + ${i});`,
  '          case (#closed why) "closed: " # why;',
  '        };',
  '        ?(entry.name # " (" # state # ")");',
  '      };',
  '    };',
  '  };',
  '',
  `  public func sum${i}(limit : Nat) : async Nat {`,
  '    var total = 0;',
  '    for ((_, entry) in Map.entries(entries)) {',
  `      if (entry.amount < limit + ${i}) total += entry.amount;`,
  '    };',
  `    let squares = Array.tabulate<Nat>(${(i % 7) + 3}, func k = k * k);`,
  '    total + Array.foldLeft<Nat, Nat>(squares, 0, Nat.add);',
  '  };',
  '',
  `  public func pause${i}(id : Nat, rounds : Nat) : async Bool {`,
  '    switch (Map.get(entries, Nat.compare, id)) {',
  '      case null false;',
  `      case (?entry) { Map.add(entries, Nat.compare, id, { entry with status = #paused (rounds + ${i}) }); true };`,
  '    };',
  '  };',
  '',
];

const FOOTER = [
  '  public func callSelf() : async Nat {',
  '    await sum0(100);',
  '  };',
  '',
  '  public query func owner(id : Nat) : async ?Text {',
  '    switch (Map.get(entries, Nat.compare, id)) { case null null; case (?e) ?Principal.toText(e.owner) };',
  '  };',
  '};',
];

/** Source of about `lines` lines. */
export function generatedMotokoActor(lines: number): string {
  const out = [...HEADER];
  for (let i = 0; out.length + FOOTER.length < lines; i++) out.push(...block(i));
  return [...out, ...FOOTER].join('\n') + '\n';
}

/** The counter of the Motoko templates: the smallest useful actor. */
export const MOTOKO_COUNTER = 'persistent actor Counter {\n  var count : Nat = 0;\n\n  public func inc() : async Nat {\n    count += 1;\n    count\n  };\n\n  public query func get() : async Nat {\n    count\n  };\n};\n';
