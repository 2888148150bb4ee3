// Stable.mo, version 2: the same stable variables and one more method; `stable var` written out (moc warns that
// it is redundant in a persistent actor).
import Debug "mo:core/Debug";
import Region "mo:core/Region";

persistent actor Stable {
  stable var kept : Nat = 0;
  transient var reset : Nat = 0;
  let region = Region.new();

  public query func read() : async (Nat, Nat) {
    (kept, reset);
  };

  public query func readRegion() : async Nat64 {
    Region.loadNat64(region, 8);
  };

  public query func version() : async Nat {
    2;
  };

  system func postupgrade() {
    Debug.print("postupgrade of version 2: kept = " # debug_show kept);
  };
};
