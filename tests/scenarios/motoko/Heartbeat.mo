// A heartbeat runs once a round; Random.blob asks the management canister's raw_rand for 32 random bytes.
import Random "mo:core/Random";

persistent actor Heartbeat {
  var beats : Nat = 0;

  system func heartbeat() : async () {
    beats += 1;
  };

  public query func count() : async Nat {
    beats;
  };

  public func random() : async Blob {
    await Random.blob();
  };
};
