; Vectors are checked lane by lane; the report names the first bad lane.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -S %s | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

declare <4 x float> @llvm.log.v4f32(<4 x float>)

; The site record says the operation is a vector (is_vector = 1).
; CHECK: @__nanguard_site = private global {{.*}} i8 1, i8 2, i8 2, i8 1, i32 0, ptr null }

define <4 x float> @vdiv(<4 x float> %a, <4 x float> %b) {
; CHECK-LABEL: define <4 x float> @vdiv(
; CHECK: %q = fdiv <4 x float> %a, %b
; CHECK-NEXT: %[[QB:[0-9]+]] = bitcast <4 x float> %q to <4 x i32>
; CHECK-NEXT: %[[QE:[0-9]+]] = and <4 x i32> %[[QB]], splat (i32 2139095040)
; CHECK-NEXT: icmp eq <4 x i32> %[[QE]], splat (i32 2139095040)
; CHECK: %[[MASK:[0-9]+]] = bitcast <4 x i1> %{{[0-9]+}} to i4
; CHECK-NEXT: %[[ANY:[0-9]+]] = icmp ne i4 %[[MASK]], 0
; CHECK-NEXT: br i1 %[[ANY]]
; CHECK: %[[FIRST:[0-9]+]] = call i4 @llvm.cttz.i4(i4 %[[MASK]], i1 true)
; CHECK-NEXT: %[[LANE:[0-9]+]] = zext i4 %[[FIRST]] to i32
; CHECK-NEXT: extractelement <4 x float> %q, i32 %[[LANE]]
; CHECK: extractelement <4 x float> %a, i32 %[[LANE]]
; CHECK: extractelement <4 x float> %b, i32 %[[LANE]]
; CHECK: call void @__nanguard_report(ptr @{{.*}}, i32 %[[LANE]],
  %q = fdiv <4 x float> %a, %b
  ret <4 x float> %q
}

define <4 x float> @vlog(<4 x float> %x) {
; CHECK-LABEL: define <4 x float> @vlog(
; CHECK: call <4 x float> @llvm.log.v4f32(<4 x float> %x)
; CHECK: bitcast <4 x i1> %{{.*}} to i4
; CHECK: call void @__nanguard_report(
  %l = call <4 x float> @llvm.log.v4f32(<4 x float> %x)
  ret <4 x float> %l
}
