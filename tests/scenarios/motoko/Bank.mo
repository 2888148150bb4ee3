// Takes half of the cycles sent with a deposit; the rest go back to the sender.
import Cycles "mo:core/Cycles";

persistent actor Bank {
  public func deposit() : async Nat {
    let available = Cycles.available();
    Cycles.accept<system>(available / 2);
  };

  public func balance() : async Nat {
    Cycles.balance();
  };
};
