// Timers: one that fires once, one that repeats until it is cancelled. Rounds are one second apart.
import Debug "mo:core/Debug";
import Timer "mo:core/Timer";

persistent actor Timers {
  var ticks : Nat = 0;
  var repeating : Nat = 0;

  public func start() : async () {
    ignore Timer.setTimer<system>(#seconds 3, func() : async () { Debug.print("once") });
    repeating := Timer.recurringTimer<system>(#seconds 2, func() : async () {
      ticks += 1;
      Debug.print("tick " # debug_show ticks);
    });
  };

  public func stop() : async () {
    Timer.cancelTimer(repeating);
  };

  public query func ticked() : async Nat {
    ticks;
  };
};
