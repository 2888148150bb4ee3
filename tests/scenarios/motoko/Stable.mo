// What an upgrade keeps: in a persistent actor every variable is stable unless declared `transient`.
// A region of stable memory survives too; pre- and post-upgrade hooks run around the upgrade.
import Debug "mo:core/Debug";
import Region "mo:core/Region";

persistent actor Stable {
  var kept : Nat = 0;
  transient var reset : Nat = 0;
  let region = Region.new();

  public func bump() : async (Nat, Nat) {
    kept += 1;
    reset += 1;
    (kept, reset);
  };

  public query func read() : async (Nat, Nat) {
    (kept, reset);
  };

  public func writeRegion(value : Nat64) : async Nat64 {
    if (Region.size(region) == 0) ignore Region.grow(region, 1);
    Region.storeNat64(region, 8, value);
    Region.size(region);
  };

  public query func readRegion() : async Nat64 {
    Region.loadNat64(region, 8);
  };

  system func preupgrade() {
    Debug.print("preupgrade: kept = " # debug_show kept # ", reset = " # debug_show reset);
  };

  system func postupgrade() {
    Debug.print("postupgrade: kept = " # debug_show kept # ", reset = " # debug_show reset);
  };
};
