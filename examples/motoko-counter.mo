// A counter in Motoko. `count` is a variable of the actor: kept from one message to the next, and (in a
// persistent actor) across upgrades. Debug.print writes to the canister's log.
import Debug "mo:core/Debug";

persistent actor Counter {
  var count : Nat = 0;

  public func inc() : async Nat {
    count += 1;
    Debug.print("count is " # debug_show count);
    count;
  };

  public query func get() : async Nat {
    count;
  };

  // The increment is rolled back with the rest of the message when assert traps.
  public func incBelow(limit : Nat) : async Nat {
    count += 1;
    assert count < limit;
    count;
  };
};
