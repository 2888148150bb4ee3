// The other side of Caller.mo: answers, refuses, or traps.
import Error "mo:core/Error";

persistent actor Callee {
  var pings : Nat = 0;

  public func ping() : async Nat {
    pings += 1;
    pings;
  };

  public shared ({ caller }) func whoCalls() : async Principal {
    caller;
  };

  public func refuse() : async Nat {
    throw Error.reject("the callee refuses");
  };

  public func crash() : async Nat {
    assert false;
    0;
  };
};
