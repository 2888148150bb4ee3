// await on another canister and on itself, try/catch of rejects, and a trap after an await.
import Debug "mo:core/Debug";
import Error "mo:core/Error";

persistent actor Caller {
  // The callee is the second canister created on the subnet, so its id is known in advance.
  transient let callee = actor "rrkah-fqaaa-aaaaa-aaaaq-cai" : actor {
    ping : () -> async Nat;
    whoCalls : () -> async Principal;
    refuse : () -> async Nat;
    crash : () -> async Nat;
  };

  var count : Nat = 0;

  public query func get() : async Nat {
    count;
  };

  public func callPing() : async Nat {
    Debug.print("before the await");
    let pings = await callee.ping();
    Debug.print("after the await: " # debug_show pings);
    pings;
  };

  public func whoCallsCallee() : async Principal {
    await callee.whoCalls();
  };

  public func bump() : async Nat {
    count += 10;
    count;
  };

  // A shared function of the actor itself is a message to itself, executed on its own, in a later round.
  public func callSelf() : async Nat {
    count += 1;
    let bumped = await bump();
    bumped + 1;
  };

  // `async` blocks run as a message to the actor itself too.
  public func awaitAsync() : async Nat {
    let later = async { count += 5; count };
    await later;
  };

  public func catchReject() : async Text {
    try {
      ignore await callee.refuse();
      "no reject";
    } catch (e) {
      "caught " # debug_show (Error.code(e)) # ": " # Error.message(e);
    };
  };

  public func catchTrap() : async Text {
    try {
      ignore await callee.crash();
      "no reject";
    } catch (e) {
      "caught " # debug_show (Error.code(e));
    };
  };

  // The increment before the await is committed when the call leaves; the trap after it rolls back only
  // what ran after the await (the +100).
  public func trapAfterAwait() : async () {
    count += 1;
    ignore await callee.ping();
    count += 100;
    assert false;
  };
};
