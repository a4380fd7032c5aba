; A math call that may throw is an invoke (libstdc++'s std::exp is not
; noexcept, so in a scope with destructors it is invoked): the check goes on
; the normal edge.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -S %s | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

declare float @_ZSt3expf(float)
declare i32 @__gxx_personality_v0(...)

define float @f(float %x) personality ptr @__gxx_personality_v0 {
; CHECK-LABEL: define float @f(
; CHECK: %e = invoke float @_ZSt3expf(float %x)
; CHECK-NEXT: to label %[[SPLIT:.*]] unwind label %lpad
; CHECK: [[SPLIT]]:
; CHECK-NEXT: bitcast float %e to i32
; CHECK: call void @__nanguard_report(
; CHECK: ret float %e
entry:
  %e = invoke float @_ZSt3expf(float %x)
          to label %cont unwind label %lpad
cont:
  ret float %e
lpad:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}
