package awsapi

import (
	"context"

	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// Elastic Load Balancing v2: the network load balancer of an endpoint
// service path.

// ELBv2 is the part of Elastic Load Balancing v2 auroracfg uses.
type ELBv2 interface {
	elb.DescribeLoadBalancersAPIClient
	elb.DescribeTargetGroupsAPIClient
	elb.DescribeTargetHealthAPIClient
	elb.DescribeListenersAPIClient
	DescribeLoadBalancerAttributesAPI
	ModifyLoadBalancerAttributesAPI
	CreateLoadBalancerAPI
	CreateTargetGroupAPI
	RegisterTargetsAPI
	DeregisterTargetsAPI
	CreateListenerAPI
}

// DescribeLoadBalancerAttributesAPI is elb.Client.DescribeLoadBalancerAttributes.
type DescribeLoadBalancerAttributesAPI interface {
	DescribeLoadBalancerAttributes(ctx context.Context, in *elb.DescribeLoadBalancerAttributesInput, opts ...func(*elb.Options)) (*elb.DescribeLoadBalancerAttributesOutput, error)
}

// ModifyLoadBalancerAttributesAPI is elb.Client.ModifyLoadBalancerAttributes.
type ModifyLoadBalancerAttributesAPI interface {
	ModifyLoadBalancerAttributes(ctx context.Context, in *elb.ModifyLoadBalancerAttributesInput, opts ...func(*elb.Options)) (*elb.ModifyLoadBalancerAttributesOutput, error)
}

// CreateLoadBalancerAPI is elb.Client.CreateLoadBalancer.
type CreateLoadBalancerAPI interface {
	CreateLoadBalancer(ctx context.Context, in *elb.CreateLoadBalancerInput, opts ...func(*elb.Options)) (*elb.CreateLoadBalancerOutput, error)
}

// CreateTargetGroupAPI is elb.Client.CreateTargetGroup.
type CreateTargetGroupAPI interface {
	CreateTargetGroup(ctx context.Context, in *elb.CreateTargetGroupInput, opts ...func(*elb.Options)) (*elb.CreateTargetGroupOutput, error)
}

// RegisterTargetsAPI is elb.Client.RegisterTargets.
type RegisterTargetsAPI interface {
	RegisterTargets(ctx context.Context, in *elb.RegisterTargetsInput, opts ...func(*elb.Options)) (*elb.RegisterTargetsOutput, error)
}

// DeregisterTargetsAPI is elb.Client.DeregisterTargets.
type DeregisterTargetsAPI interface {
	DeregisterTargets(ctx context.Context, in *elb.DeregisterTargetsInput, opts ...func(*elb.Options)) (*elb.DeregisterTargetsOutput, error)
}

// CreateListenerAPI is elb.Client.CreateListener.
type CreateListenerAPI interface {
	CreateListener(ctx context.Context, in *elb.CreateListenerInput, opts ...func(*elb.Options)) (*elb.CreateListenerOutput, error)
}
