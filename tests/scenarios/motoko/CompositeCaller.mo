// A composite query awaiting another actor's query (ic-reference.md §3.2), and one calling an update method.
import Error "mo:core/Error";

persistent actor CompositeCaller {
  // The callee is the second canister created on the subnet, so its id is known in advance.
  transient let callee = actor "rrkah-fqaaa-aaaaa-aaaaq-cai" : actor {
    peek : query () -> async Nat;
  };

  // Declared as a query here, but an update method there: the replica refuses the call.
  transient let misdeclared = actor "rrkah-fqaaa-aaaaa-aaaaq-cai" : actor {
    bump : query () -> async Nat;
  };

  public composite query func sumOfPeeks() : async Nat {
    let first = await callee.peek();
    let second = await callee.peek();
    first + second;
  };

  public composite query func callUpdate() : async Text {
    try {
      ignore await misdeclared.bump();
      "no error";
    } catch (e) {
      "caught " # debug_show (Error.code(e));
    };
  };
};
