// State in an actor, the caller of a message, assert, a rejection thrown on purpose and inspect_message.
import Debug "mo:core/Debug";
import Error "mo:core/Error";
import Principal "mo:core/Principal";

persistent actor Basics {
  var count : Nat = 0;

  public func inc() : async Nat {
    count += 1;
    Debug.print("count is " # debug_show count);
    count;
  };

  public query func get() : async Nat {
    count;
  };

  public shared ({ caller }) func whoami() : async Principal {
    caller;
  };

  public shared ({ caller }) func callerIsController() : async Bool {
    Principal.isController(caller);
  };

  // The increment happens, then assert traps: the whole message is rolled back, the increment with it.
  public func incUpTo(limit : Nat) : async Nat {
    count += 1;
    assert count <= limit;
    count;
  };

  public func refuse() : async Nat {
    count += 1000; // a thrown error rejects the call, but what the message did is kept (it did not trap)
    throw Error.reject("no, thank you");
  };

  public func guarded() : async Text {
    "inspect let this through";
  };

  // Runs before an ingress message is accepted (canister_inspect_message): false refuses it.
  system func inspect({
    arg : Blob;
    msg : {
      #callerIsController : Any;
      #get : Any;
      #guarded : Any;
      #inc : Any;
      #incUpTo : Any;
      #refuse : Any;
      #whoami : Any;
    };
  }) : Bool {
    switch msg {
      case (#guarded _) arg.size() < 8;
      case _ true;
    };
  };
};
